/**
 * The settle path with and without the ledger's hash chain, in one process, no HTTP:
 * `node --import tsx bench/chainAB.ts /path/to/base-checkout`.
 *
 * For when the shared machine is too loaded for bench/compare.ts to tell a few per cent
 * apart: each checkout's own services (its writer, store and database thread) run on their
 * own fresh database file, and rounds alternate between them, so both see the same background
 * load. Without HTTP in front, the chain's share of the time is larger than through the
 * server: a stricter measure. Each round settles CHARGES charges, CONCURRENCY at a time, over
 * ACCOUNTS accounts with cash. Prints settles/s per round and the ratio chain / base.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const CHARGES = Number(process.env.AB_CHARGES ?? 3000);
const CONCURRENCY = 50;
const ACCOUNTS = 50;
const ROUNDS = Number(process.env.AB_ROUNDS ?? 4);

interface Variant {
  readonly name: string;
  readonly settle: (i: number, round: number) => Promise<unknown>;
}

const operator = {
  keyId: 'bench',
  role: 'operator',
  accountId: null,
  accountRoles: {},
  label: 'bench',
  userId: null,
} as const;

async function variant(name: string, dir: string): Promise<Variant> {
  const load = (path: string) => import(join(resolve(dir), path));
  const { openDatabase, migrateDatabase } = await load('db/client.ts');
  const { depsFor } = await load('server/bootstrap.ts');
  const { readConfig } = await load('server/config.ts');
  const { systemClock } = await load('server/clock.ts');
  const { createAccount } = await load('server/services/accounts/create.ts');
  const { createWorkspace } = await load('server/services/workspaces/create.ts');
  const { recordBankTransfer } = await load('server/services/cash/recordBankTransfer.ts');
  const { settleCharge } = await load('server/services/charges/settle.ts');
  const file = join(mkdtempSync(join(tmpdir(), `chain-ab-${name}-`)), 'wallet.db');
  const database = await openDatabase(`file:${file}`);
  await migrateDatabase(database);
  const ctx = {
    ...depsFor(database, readConfig({ DATABASE_URL: `file:${file}` }), systemClock),
    actor: operator,
    clientAddress: 'bench',
    origin: 'http://bench',
  };
  const workspaces: string[] = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    const account = await createAccount(ctx, { name: `ab-${i}` });
    const ws = await createWorkspace(ctx, {
      accountId: account.id,
      workspaceId: `ws-${i}`,
      name: 'main',
    });
    await recordBankTransfer(ctx, {
      reference: account.remittanceRef,
      bankSerial: `serial-${i}`,
      amount: '1000000.00',
    });
    workspaces.push(ws.workspaceId);
  }
  return {
    name,
    settle: (i, round) =>
      settleCharge(ctx, {
        chargeId: `ab-${round}-${i}`,
        workspaceId: workspaces[i % ACCOUNTS] ?? 'ws-0',
        category: 'general',
        amount: '1.23',
        periodStartMs: Date.UTC(2026, 10, 1),
        periodEndMs: Date.UTC(2026, 11, 1),
        description: 'bench usage',
      }),
  };
}

async function round(v: Variant, r: number): Promise<number> {
  let next = 0;
  const startMs = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < CHARGES) await v.settle(next++, r);
    }),
  );
  return CHARGES / ((performance.now() - startMs) / 1000);
}

const baseDir = process.argv[2];
if (!baseDir) throw new Error('usage: bench/chainAB.ts /path/to/base-checkout');
const variants = [await variant('base', baseDir), await variant('chain', process.cwd())];
const rates: Record<string, number[]> = { base: [], chain: [] };
for (let r = 0; r < ROUNDS; r++) {
  // Alternate which goes first, so neither always follows the other's fsyncs.
  for (const v of r % 2 === 0 ? variants : [...variants].reverse()) {
    rates[v.name]?.push(await round(v, r));
  }
}
const total = (name: string) => (rates[name] ?? []).reduce((a, b) => a + b, 0);
console.log(`${CHARGES} charges per round, ${CONCURRENCY} at a time, over ${ACCOUNTS} accounts`);
for (const name of ['base', 'chain']) {
  console.log(
    `${name}: settles/s per round ${(rates[name] ?? []).map((x) => x.toFixed(0)).join(', ')}`,
  );
}
console.log(`chain / base (sum of rounds): ${(total('chain') / total('base')).toFixed(3)}`);
process.exit(0);
