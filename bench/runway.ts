/**
 * The runway query at full books: a million settled charges (bench/books.ts, the real schema)
 * and `accounts.runway`'s service read straight from the file, timed for the hot account
 * (a fifth of the charges, all inside its 30-day window: the worst case, since the aggregate
 * reads every charge of the window) and for one of the many accounts. Prints figures; never
 * passes or fails on time.
 *
 *   node --import tsx bench/runway.ts      # BENCH_BOOKS (default 1000000), BENCH_RUNS (30)
 *
 * BENCH_KEEP=<dir> keeps the loaded file and its fixtures there and reuses them on the next
 * run (loading takes minutes); the server started on it first applies any new migration.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../db/client.ts';
import type { Actor } from '../server/auth/keys.ts';
import { accountRunway, recentSpend } from '../server/services/accounts/runway.ts';
import { loadBooks } from './books.ts';
import { PERIOD_START_MS } from './charges.ts';
import { buildFixtures, type Fixtures } from './fixtures.ts';
import { newOperatorKey, startServer } from './server.ts';

const BOOKS = Number(process.env.BENCH_BOOKS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const MANY_ACCOUNTS = 20;
/** A day after the loaded charges' billing period starts: every one is inside the window. */
const NOW_MS = PERIOD_START_MS + 86_400_000;

const operator: Actor = {
  keyId: 'bench',
  role: 'operator',
  accountId: null,
  accountRoles: {},
  label: 'bench',
  userId: null,
};

async function main(): Promise<void> {
  const keep = process.env.BENCH_KEEP;
  const dir = keep ?? (await mkdtemp(join(tmpdir(), 'wallet-runway-')));
  try {
    await mkdir(dir, { recursive: true });
    const dbPath = join(dir, 'books.db');
    const fixturesPath = join(dir, 'fixtures.json');
    const operatorKey = newOperatorKey();
    let fixtures: Fixtures;
    if (keep && existsSync(fixturesPath)) {
      fixtures = JSON.parse(readFileSync(fixturesPath, 'utf8')) as Fixtures;
      console.log(`Reusing the loaded books in ${dir}; migrating them`);
      await (await startServer(dbPath, operatorKey)).stop();
    } else {
      fixtures = await loadedBooks(dbPath, operatorKey);
      writeFileSync(fixturesPath, JSON.stringify(fixtures));
    }
    const database = await openDatabase(`file:${dbPath}`);
    try {
      const plan = await database.client.execute({
        sql: `EXPLAIN QUERY PLAN SELECT workspace_id, category, sum(amount_fen) FROM charges
              WHERE account_id = ? AND period_start_ms >= ? AND period_start_ms < ?
              GROUP BY workspace_id, category`,
        args: [fixtures.hot.accountId, NOW_MS - 30 * 86_400_000, NOW_MS],
      });
      console.log(`Query plan: ${plan.rows.map((row) => String(row.detail)).join(' | ')}`);
      const ctx = { actor: operator, clock: { nowMs: () => NOW_MS }, database };
      for (const [label, accountId] of [
        ['hot account', fixtures.hot.accountId],
        ['one of the many', fixtures.manyAccountIds[0] ?? ''],
      ] as const) {
        const spend = await recentSpend(database.db, accountId, NOW_MS);
        const inWindow = spend.reduce((sum, row) => sum + row.spent30Fen, 0) / 123;
        const times = await timed(() => accountRunway(ctx, accountId));
        console.log(
          `${label}: ${Math.round(inWindow).toLocaleString('en-US')} charges in the window; ` +
            `accounts.runway service median ${ms(times, 0.5)} ms, p90 ${ms(times, 0.9)} ms, ` +
            `max ${ms(times, 1)} ms over ${RUNS} runs`,
        );
      }
    } finally {
      database.close();
    }
  } finally {
    if (!keep) await rm(dir, { recursive: true, force: true });
  }
}

async function loadedBooks(dbPath: string, operatorKey: string): Promise<Fixtures> {
  const server = await startServer(dbPath, operatorKey);
  const fixtures = await buildFixtures(server.url, operatorKey, MANY_ACCOUNTS);
  await server.stop();
  console.log(`Loading ${BOOKS.toLocaleString('en-US')} settled charges with SQL...`);
  const loaded = loadBooks(dbPath, fixtures, BOOKS);
  console.log(`  loaded in ${loaded.elapsedS.toFixed(1)} s`);
  return fixtures;
}

async function timed(run: () => Promise<unknown>): Promise<number[]> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const startMs = performance.now();
    await run();
    times.push(performance.now() - startMs);
  }
  return times.sort((a, b) => a - b);
}

function ms(sorted: readonly number[], quantile: number): string {
  const index = Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
  return (sorted[Math.max(0, index)] ?? 0).toFixed(1);
}

await main();
