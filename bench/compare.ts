/**
 * Variants of the wallet side by side in one run: `node --import tsx bench/compare.ts`.
 *
 * For what the shared machine cannot give one run after another — the same conditions — this
 * starts the bare no-op server and one wallet server per variant, each on its own fresh
 * database with the benchmark's accounts, and runs settle on the many accounts and on the hot
 * one against every variant, interleaved with the bare no-op (see load.ts). A variant is
 * `name=KEY:value,KEY:value` (environment for the server) or `name@/path/to/checkout` (another
 * checkout of the wallet, e.g. main before a change). COMPARE_VARIANTS separates them with
 * spaces. Prints settles/s, p50, p99 and the ratio to the bare no-op per variant and round.
 * COMPARE_PHASES picks the phases per variant (default `many,hot`; `batch` adds
 * `charges.settleBatch` from 4 callers, BENCH_BATCH_SIZE charges a call, on the 200 accounts —
 * its figure is charges/s, its ratio charges/s per bare req/s).
 */
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chargeSource, settleBatchBody, settleBody, settledInBatch } from './charges.ts';
import { buildFixtures } from './fixtures.ts';
import { itemRateOf, rateOf, runInterleaved, type LoadSpec } from './load.ts';
import { figuresOf, phaseTable, ratioTable, type Ratio } from './report.ts';
import { newOperatorKey, startBareServer, startServer, type BenchServer } from './server.ts';

interface Variant {
  readonly name: string;
  readonly env: Record<string, string>;
  readonly cwd?: string;
}

const PHASES = (process.env.COMPARE_PHASES ?? 'many,hot').split(',');
const BATCH_SIZE = Number(process.env.BENCH_BATCH_SIZE ?? 500);
const TIMING = { warmupS: 2, measureS: Number(process.env.BENCH_MEASURE_S ?? 9), rounds: 3 };

function variants(): Variant[] {
  const text = process.env.COMPARE_VARIANTS ?? 'current=';
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map((item) => {
      const at = item.indexOf('@');
      if (at > 0) return { name: item.slice(0, at), env: {}, cwd: item.slice(at + 1) };
      const [name = item, settings = ''] = item.split('=');
      const env = Object.fromEntries(
        settings
          .split(',')
          .filter(Boolean)
          .map((pair) => pair.split(':') as [string, string]),
      );
      return { name, env };
    });
}

async function main(): Promise<void> {
  console.log(
    `load average at start ${loadavg()
      .map((v) => v.toFixed(2))
      .join(' ')}`,
  );
  const dir = await mkdtemp(join(tmpdir(), 'wallet-compare-'));
  const servers: BenchServer[] = [];
  try {
    const operatorKey = newOperatorKey();
    const bare = await startBareServer();
    servers.push(bare);
    const specs: Record<string, LoadSpec> = {
      bare: {
        name: 'bare no-op',
        url: bare.url,
        path: '/trpc/ping',
        connections: 50,
        headers: { 'content-type': 'application/json' },
        body: () => '{}',
      },
    };
    for (const variant of variants()) {
      const server = await startServer(join(dir, `${variant.name}.db`), operatorKey, variant);
      servers.push(server);
      const fixtures = await buildFixtures(server.url, operatorKey, 200);
      const headers = {
        'content-type': 'application/json',
        authorization: `Bearer ${fixtures.meteringKey}`,
      };
      const settle = (label: string, prefix: string, ids: readonly string[]): LoadSpec => ({
        name: `${variant.name}: settle, ${label}`,
        url: server.url,
        path: '/trpc/charges.settle',
        connections: 50,
        headers,
        body: settleBody(chargeSource(`${variant.name}${prefix}`, ids)),
      });
      if (PHASES.includes('many'))
        specs[`${variant.name}-many`] = settle('200 accounts', 'many', fixtures.manyWorkspaceIds);
      if (PHASES.includes('hot'))
        specs[`${variant.name}-hot`] = settle('1 hot account', 'hot', [fixtures.hot.workspaceId]);
      if (PHASES.includes('batch')) {
        specs[`${variant.name}-batch`] = {
          name: `${variant.name}: settleBatch ×${BATCH_SIZE}, 200 accounts`,
          url: server.url,
          path: '/trpc/charges.settleBatch',
          connections: 4,
          headers,
          body: settleBatchBody(
            chargeSource(`${variant.name}batch`, fixtures.manyWorkspaceIds),
            BATCH_SIZE,
          ),
          itemsOf: settledInBatch,
        };
      }
    }
    const phases = await runInterleaved(specs, TIMING, (spec, round) =>
      console.log(`round ${round + 1}: ${spec.name}`),
    );
    const bareRow = figuresOf(phases.bare!, false);
    const rows = Object.entries(phases).map(([key, phase]) => figuresOf(phase, key !== 'bare'));
    console.log('');
    console.log(phaseTable(rows, []));
    const ratios: Ratio[] = Object.entries(phases)
      .filter(([key]) => key !== 'bare')
      .map(([, phase]) => ({
        label: `${phase.spec.name} / bare`,
        value: itemRateOf(phase.measured) / bareRow.requestsPerS,
        perRound: phase.slices.map(
          (slice, i) => itemRateOf(slice) / rateOf(phases.bare!.slices[i]!),
        ),
      }));
    console.log('');
    console.log(ratioTable(ratios));
    console.log(
      `\nload average at end ${loadavg()
        .map((v) => v.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    for (const server of servers) await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
