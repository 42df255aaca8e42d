/**
 * Where the server's time goes under settle load: `node --import tsx bench/profile.ts`.
 *
 * Starts the wallet server with `--cpu-prof`, creates the benchmark's accounts, drives
 * `charges.settle` at 50 connections on the many accounts (or on the hot one with
 * PROFILE_HOT=1) for PROFILE_SECONDS (default 10), stops the server so it writes its
 * profile, and prints self time by where the code lives (the driver, Drizzle, tRPC, Hono,
 * valibot, big.js, the wallet's own code, GC, idle) and the twenty costliest functions.
 * The profiler slows the server down; read the shares, not the rates.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chargeSource, settleBatchBody, settleBody, settledInBatch } from './charges.ts';
import { buildFixtures } from './fixtures.ts';
import { itemRateOf, runOnce, percentile } from './run.ts';
import { newOperatorKey, startServer } from './server.ts';

const SECONDS = Number(process.env.PROFILE_SECONDS ?? 10);
const HOT = process.env.PROFILE_HOT === '1';
/** Charges per settleBatch call; 0 profiles single settles. */
const BATCH = Number(process.env.PROFILE_BATCH ?? 0);
/** The server's stop after the run, kept out of the window. */
const STOP_MARGIN_S = 0.5;

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
  readonly children?: readonly number[];
}

interface Profile {
  readonly endTime: number;
  readonly startTime: number;
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const PLACES: readonly [string, RegExp][] = [
  ['libsql (native driver)', /libsql/],
  ['drizzle-orm', /drizzle-orm/],
  ['@trpc/server', /@trpc/],
  ['@hono/trpc-server', /@hono\/trpc-server/],
  ['@hono/node-server', /@hono\/node-server/],
  ['hono', /\/hono\//],
  ['valibot', /valibot/],
  ['big.js', /big\.js/],
  ['tsx (loader)', /\/tsx\//],
  ['wallet: server/writer', /\/server\/writer\//],
  ['wallet: db', /\/db\//],
  ['wallet: server/services', /\/server\/services\//],
  ['wallet: common', /\/common\//],
  ['wallet: other server', /\/server\//],
  ['node internals', /^node:/],
];

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'wallet-profile-'));
  const profDir = join(dir, 'prof');
  try {
    const operatorKey = newOperatorKey();
    const server = await startServer(join(dir, 'wallet.db'), operatorKey, {
      nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${profDir}`],
    });
    const fixtures = await buildFixtures(server.url, operatorKey, 200);
    const workspaces = HOT ? [fixtures.hot.workspaceId] : fixtures.manyWorkspaceIds;
    const source = chargeSource('prof', workspaces);
    const spec = {
      name: 'settle',
      url: server.url,
      path: BATCH > 0 ? '/trpc/charges.settleBatch' : '/trpc/charges.settle',
      connections: BATCH > 0 ? 4 : 50,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${fixtures.meteringKey}`,
      },
      body: BATCH > 0 ? settleBatchBody(source, BATCH) : settleBody(source),
      ...(BATCH > 0 ? { itemsOf: settledInBatch } : {}),
    };
    await runOnce(spec, BATCH > 0 ? 20 : 2_000, 30);
    const tally = await runOnce(spec, 1_000_000, SECONDS);
    console.log(
      `${HOT ? 'hot account' : '200 accounts'}: ${Math.round(itemRateOf(tally))} settles/s under ` +
        `the profiler, p50 ${percentile(tally.latenciesMs, 50).toFixed(1)} ms, ` +
        `p99 ${percentile(tally.latenciesMs, 99).toFixed(1)} ms`,
    );
    await server.stop();
    if (process.env.PROFILE_STDERR === '1') console.log(server.stderr());
    // One profile per thread: the main thread's, and the database thread's (db/store/native.ts).
    const files = readdirSync(profDir).filter((name) => name.endsWith('.cpuprofile'));
    if (files.length === 0) throw new Error('no profile written');
    for (const file of files) {
      console.log(`\n=== ${file}`);
      report(JSON.parse(readFileSync(join(profDir, file), 'utf8')) as Profile);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(profile: Profile): void {
  // Only the measured run: the profile also holds the start and the accounts' setup.
  const self = new Map<number, number>();
  const fromUs = profile.endTime - (SECONDS + STOP_MARGIN_S) * 1e6;
  const toUs = profile.endTime - STOP_MARGIN_S * 1e6;
  let atUs = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    atUs += delta;
    if (atUs >= fromUs && atUs <= toUs) self.set(id, (self.get(id) ?? 0) + delta);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byPlace = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const us = self.get(node.id) ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    const place =
      functionName === '(garbage collector)' ||
      functionName === '(idle)' ||
      functionName === '(program)'
        ? functionName
        : (PLACES.find(([, pattern]) => pattern.test(url))?.[0] ??
          (url === '' ? '(native)' : 'other'));
    byPlace.set(place, (byPlace.get(place) ?? 0) + us);
    const name = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '')}:${lineNumber}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
  }
  const share = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
  console.log(`\nSelf time by place (${(total / 1e6).toFixed(1)} s sampled):`);
  for (const [place, us] of [...byPlace].sort((a, b) => b[1] - a[1])) {
    console.log(`  ${share(us)}  ${place}`);
  }
  console.log('\nCostliest functions (self time):');
  for (const [name, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`  ${share(us)}  ${name}`);
  }
  console.log("\nThe wallet's own costliest functions (self time):");
  const own = [...byFunction].filter(([name]) => /file:\/\/.*\/(server|db|common)\//.test(name));
  for (const [name, us] of own.sort((a, b) => b[1] - a[1]).slice(0, 15)) {
    console.log(`  ${share(us)}  ${name.replace(/file:\/\/.*?\/(server|db|common)\//, '$1/')}`);
  }
}

await main();
