/**
 * `npm run bench:edge`: concurrent settles on ONE hot account through the bundled Worker in
 * Miniflare (workerd + local D1 + the writer Durable Object), against two baselines measured
 * in the same run: a no-op tRPC mutation (it also travels Worker → writer object) and the
 * health route (served by the Worker alone). Prints figures; asserts nothing.
 */
import { cpus } from 'node:os';
import { amountToFen, fenToAmount, subFen, sumFen } from '../common/money.ts';
import { bundleWorker, startWorker } from '../test/helpers/worker.ts';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 8) * 1000;

interface Figures {
  readonly name: string;
  readonly requests: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
}

/** Runs `call` from CONCURRENCY loops for DURATION_MS; latencies in ms (timing, not money). */
async function measure(name: string, call: (i: number) => Promise<unknown>): Promise<Figures> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const until = started + DURATION_MS;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        try {
          await call(next++);
          latencies.push(performance.now() - t0);
        } catch {
          errors++;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    name,
    requests: latencies.length,
    perSecond: latencies.length / seconds,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    errors,
  };
}

const worker = await startWorker(bundleWorker());
try {
  const account = await worker.operator.accounts.create.mutate({ name: 'bench' });
  const workspace = await worker.operator.workspaces.create.mutate({
    accountId: account.id,
    workspaceId: 'bench-ws',
    name: 'bench',
  });
  await worker.operator.cash.recordBankTransfer.mutate({
    reference: account.remittanceRef,
    bankSerial: 'bench-serial',
    amount: '100000000.00',
  });
  const { apiKey } = await worker.operator.admin.createApiKey.mutate({
    role: 'metering',
    label: 'b',
  });
  const metering = worker.client(apiKey, { batch: false });
  const anonymous = worker.client(undefined, { batch: false });

  // Warm-up: the bundle's first calls compile and open the database.
  for (let i = 0; i < 20; i++) await anonymous.ping.mutate();

  const health = await measure('GET /healthz (Worker only)', () => worker.fetch('/healthz'));
  const ping = await measure('ping mutation (Worker → writer object)', () =>
    anonymous.ping.mutate(),
  );
  const charged: string[] = [];
  const settle = await measure('charges.settle, one hot account', async (i) => {
    const amount = fenToAmount((i % 97) + 1);
    await metering.charges.settle.mutate({
      chargeId: `edge-${i}`,
      workspaceId: workspace.workspaceId,
      category: 'general',
      amount,
      periodStartMs: 0,
      periodEndMs: 1,
      description: 'bench',
    });
    charged.push(amount);
  });

  const after = await worker.operator.accounts.get.query({ accountId: account.id });
  const audit = await worker.operator.admin.audit.query();
  const spentFen = subFen(amountToFen('100000000.00'), amountToFen(after.cash));
  console.log(
    `machine: ${cpus().length} cores, node ${process.version}; ` +
      `concurrency ${CONCURRENCY}, ${DURATION_MS / 1000} s per phase`,
  );
  console.log('command: npm run bench:edge');
  console.log('');
  console.log('| phase | requests | req/s | p50 ms | p99 ms | errors |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const f of [health, ping, settle]) {
    const row = [f.name, f.requests, f.perSecond.toFixed(0), f.p50Ms.toFixed(1)];
    console.log(`| ${row.join(' | ')} | ${f.p99Ms.toFixed(1)} | ${f.errors} |`);
  }
  console.log('');
  console.log(`settle / ping: ${(settle.perSecond / ping.perSecond).toFixed(2)}`);
  const answeredFen = sumFen(charged.map(amountToFen));
  console.log(
    `cash spent ${fenToAmount(spentFen)}, charges answered ${fenToAmount(answeredFen)}: ` +
      (spentFen === answeredFen ? 'equal' : 'DIFFERENT'),
  );
  console.log(`audit clean: ${audit.ok} (${audit.violations.length} violations)`);
} finally {
  await worker.stop();
}
