/**
 * The settlement benchmark: `npm run bench` (= `node --import tsx bench/settle.ts`).
 *
 * Starts three child processes on loopback: the bare no-op server (bench/bare.ts, Hono +
 * @hono/trpc-server and nothing else — the ceiling), the real wallet server on a fresh
 * database, and the real wallet server on a database that already holds a million settled
 * charges (bench/books.ts). It drives them with autocannon from this process. Each phase is
 * warmed up once, then measured in slices interleaved with the other phases (see load.ts):
 *   1. the bare no-op — the ceiling every ratio is taken against;
 *   2. the wallet's tRPC no-op `ping` — a second baseline (the wallet's middleware and context);
 *   3. `charges.settle` spread round-robin over many funded accounts;
 *   4. `charges.settle` on one hot account paid from cash;
 *   5. `charges.settle` on one hot account with no cash, so every charge goes overdue;
 *   6. `charges.settleBatch`, BENCH_BATCH_SIZE charges a call, on the many accounts;
 *   7–8. settle on many accounts and on the hot account with the full books.
 * Then the first page of the statement and of the charges list on both databases, the audit
 * of both, a count of the stored charges against the 2xx responses, and the storage floor:
 * the same row writes with raw statements on a libSQL file, no HTTP.
 *
 * It prints figures and compares them with the targets; it never passes or fails on time.
 * It exits non-zero only when the books are wrong (audit or counts).
 *
 * Knobs (environment): BENCH_BOOKS (charges preloaded, default 1000000; 0 skips the full
 * books), BENCH_BATCH_SIZE (default 500, the API's cap), BENCH_MEASURE_S (measured seconds per phase,
 * default 12), BENCH_FLOOR=0 skips the storage floor, BENCH_CHECKOUT=/path runs the wallet
 * servers from another checkout (e.g. main, for the figures before a change) with this
 * benchmark.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createWalletClient } from '../server/client.ts';
import { loadBooks, type LoadedBooks } from './books.ts';
import { chargeSource, settleBatchBody, settleBody, settledInBatch } from './charges.ts';
import { buildFixtures, type Fixtures } from './fixtures.ts';
import { FLOOR_VARIANTS, measureStorageFloor, type FloorResult } from './floor.ts';
import { itemRateOf, rateOf, runInterleaved, type LoadSpec, type PhaseResult } from './load.ts';
import { timeFirstPages, type PageFigures } from './pages.ts';
import {
  batchLine,
  booksLine,
  figuresOf,
  pageTable,
  phaseTable,
  ratioTable,
  targetLines,
  type PhaseFigures,
  type Ratio,
} from './report.ts';
import { newOperatorKey, startBareServer, startServer, type BenchServer } from './server.ts';
import { verifyDatabase, type PhaseCheck } from './verify.ts';

const BOOKS = Number(process.env.BENCH_BOOKS ?? 1_000_000);
const BATCH_SIZE = Number(process.env.BENCH_BATCH_SIZE ?? 500);
const TIMING = { warmupS: 2, measureS: Number(process.env.BENCH_MEASURE_S ?? 12), rounds: 3 };
const FLOOR = process.env.BENCH_FLOOR !== '0';
const CHECKOUT = process.env.BENCH_CHECKOUT;
const SERVER_OPTIONS = CHECKOUT ? { cwd: CHECKOUT } : {};
const CONNECTIONS = 50;
const BATCH_CONNECTIONS = 4;
const MANY_ACCOUNTS = 200;
const FLOOR_SECONDS = 5;

type PhaseKey = 'bare' | 'ping' | 'many' | 'hot' | 'overdue' | 'batch' | 'booksMany' | 'booksHot';
type Phases = Partial<Record<PhaseKey, PhaseResult>>;

interface World {
  readonly url: string;
  readonly dbPath: string;
  readonly fixtures: Fixtures;
}

async function main(): Promise<number> {
  printMachine();
  const dir = await mkdtemp(join(tmpdir(), 'wallet-bench-'));
  // On Ctrl-C too: the exit hook runs where a `finally` would not.
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', removeDir);
  const servers: BenchServer[] = [];
  try {
    const operatorKey = newOperatorKey();
    const bare = await startBareServer();
    servers.push(bare);
    const empty = await world(join(dir, 'wallet.db'), operatorKey, servers);
    const books = BOOKS > 0 ? await fullBooks(join(dir, 'books.db'), operatorKey, servers) : null;
    console.log(`bare no-op at ${bare.url}; wallet at ${empty.url}; full books at ${books?.url}`);
    const phases = await runPhases(bare.url, empty, books);
    const pages = await firstPages(operatorKey, empty, books);
    let ok = await audit(empty.url, operatorKey, 'empty database');
    if (books) ok = (await audit(books.url, operatorKey, 'full books')) && ok;
    for (const server of servers.splice(0)) await stopAndReport(server);
    ok = (await verify(phases, empty, books)) && ok;
    const floors = FLOOR ? await storageFloor(dir) : [];
    printResults(phases, floors, pages);
    console.log(`\nLoad average at the end: ${loadText()} (other processes add noise)`);
    return ok ? 0 : 1;
  } finally {
    for (const server of servers) await server.stop();
    removeDir();
    process.removeListener('exit', removeDir);
  }
}

async function world(dbPath: string, operatorKey: string, servers: BenchServer[]) {
  const server = await startServer(dbPath, operatorKey, SERVER_OPTIONS);
  servers.push(server);
  console.log(`Creating ${MANY_ACCOUNTS} funded accounts, a hot one and an unfunded one...`);
  const fixtures = await buildFixtures(server.url, operatorKey, MANY_ACCOUNTS);
  return { url: server.url, dbPath, fixtures, server };
}

/** A second wallet: the same accounts, then a million charges loaded with the server stopped. */
async function fullBooks(
  dbPath: string,
  operatorKey: string,
  servers: BenchServer[],
): Promise<World & { loaded: LoadedBooks }> {
  const setup = await world(dbPath, operatorKey, servers);
  await setup.server.stop();
  servers.splice(servers.indexOf(setup.server), 1);
  console.log(`Loading ${BOOKS.toLocaleString('en-US')} settled charges with SQL...`);
  const loaded = loadBooks(dbPath, setup.fixtures, BOOKS);
  console.log(`  loaded in ${loaded.elapsedS.toFixed(1)} s`);
  // The load's connection has only just let go of the file: a server whose first statement
  // meets its lock (main before the busy timeout came first) gets one more try.
  const server = await startServer(dbPath, operatorKey, SERVER_OPTIONS).catch(async (error) => {
    console.log(`  the server did not start (${String(error).split('\n')[0]}); once more`);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    return startServer(dbPath, operatorKey, SERVER_OPTIONS);
  });
  servers.push(server);
  return { url: server.url, dbPath, fixtures: setup.fixtures, loaded };
}

async function runPhases(bareUrl: string, empty: World, books: World | null): Promise<Phases> {
  const json = { 'content-type': 'application/json' };
  const meteringOf = (w: World) => ({
    ...json,
    authorization: `Bearer ${w.fixtures.meteringKey}`,
  });
  const settle = (w: World, name: string, prefix: string, workspaceIds: readonly string[]) => ({
    name,
    url: w.url,
    path: '/trpc/charges.settle',
    connections: CONNECTIONS,
    headers: meteringOf(w),
    body: settleBody(chargeSource(prefix, workspaceIds)),
  });
  const noop = (name: string, url: string): LoadSpec => ({
    name,
    url,
    path: '/trpc/ping',
    connections: CONNECTIONS,
    headers: json,
    body: () => '{}',
  });
  const f = empty.fixtures;
  const specs: Partial<Record<PhaseKey, LoadSpec>> = {
    bare: noop('bare no-op (Hono + tRPC)', bareUrl),
    ping: noop('wallet ping (no-op)', empty.url),
    many: settle(empty, `settle, ${MANY_ACCOUNTS} accounts`, 'many', f.manyWorkspaceIds),
    hot: settle(empty, 'settle, 1 hot account (cash)', 'hot', [f.hot.workspaceId]),
    overdue: settle(empty, 'settle, 1 hot account (overdue)', 'debt', [f.debtor.workspaceId]),
    batch: {
      name: `settleBatch ×${BATCH_SIZE}, ${MANY_ACCOUNTS} accounts`,
      url: empty.url,
      path: '/trpc/charges.settleBatch',
      connections: BATCH_CONNECTIONS,
      headers: meteringOf(empty),
      body: settleBatchBody(chargeSource('batch', f.manyWorkspaceIds), BATCH_SIZE),
      itemsOf: settledInBatch,
    },
  };
  if (books) {
    const b = books.fixtures;
    const label = `${(BOOKS / 1e6).toLocaleString('en-US')}M in the books`;
    specs.booksMany = settle(
      books,
      `settle, ${MANY_ACCOUNTS} accounts, ${label}`,
      'bmany',
      b.manyWorkspaceIds,
    );
    specs.booksHot = settle(books, `settle, 1 hot account, ${label}`, 'bhot', [b.hot.workspaceId]);
  }
  return runInterleaved(specs as Record<PhaseKey, LoadSpec>, TIMING, (spec, round) => {
    const warm = round === 0 ? `warm-up ${TIMING.warmupS} s, then ` : '';
    const sliceS = TIMING.measureS / TIMING.rounds;
    console.log(
      `Round ${round + 1}/${TIMING.rounds}: ${spec.name}, ` +
        `${spec.connections} connections (${warm}~${sliceS} s measured)`,
    );
  });
}

async function firstPages(
  operatorKey: string,
  empty: World,
  books: World | null,
): Promise<PageFigures[]> {
  console.log('\nFirst pages of the hot account, one request at a time...');
  const pages = await timeFirstPages('empty', empty.url, operatorKey, empty.fixtures.hot.accountId);
  if (books) {
    const label = 'full books';
    pages.push(
      ...(await timeFirstPages(label, books.url, operatorKey, books.fixtures.hot.accountId)),
    );
  }
  return pages;
}

async function audit(url: string, operatorKey: string, label: string): Promise<boolean> {
  const operator = createWalletClient({ url, apiKey: operatorKey, batch: false });
  const report = await operator.admin.audit.query();
  const verdict = report.ok ? 'clean' : `${report.violations.length} VIOLATIONS`;
  console.log(`\nAudit (${label}): ${verdict}; counts ${JSON.stringify(report.counts)}`);
  for (const violation of report.violations.slice(0, 20)) {
    console.log(`  ${violation.check} ${violation.subject}: ${violation.detail}`);
  }
  return report.ok;
}

async function verify(
  phases: Phases,
  empty: World,
  books: (World & { loaded: LoadedBooks }) | null,
): Promise<boolean> {
  const check = (prefix: string, key: PhaseKey, chargesPerRequest = 1): PhaseCheck[] => {
    const phase = phases[key];
    return phase ? [{ prefix, phase, chargesPerRequest }] : [];
  };
  const results = [
    await verifyDatabase(
      empty.dbPath,
      [
        ...check('many', 'many'),
        ...check('hot', 'hot'),
        ...check('debt', 'overdue'),
        ...check('batch', 'batch', BATCH_SIZE),
      ],
      [
        { prefixes: ['hot'], account: empty.fixtures.hot, balance: 'cash' },
        { prefixes: ['debt'], account: empty.fixtures.debtor, balance: 'overdue' },
      ],
    ),
  ];
  if (books) {
    results.push(
      await verifyDatabase(
        books.dbPath,
        [...check('bmany', 'booksMany'), ...check('bhot', 'booksHot')],
        [{ prefixes: ['bhot', 'loadhot'], account: books.fixtures.hot, balance: 'cash' }],
        [...books.loaded.byPrefix].map(([prefix, charges]) => ({ prefix, charges })),
      ),
    );
  }
  console.log('\nStored charges against 2xx responses:');
  for (const line of results.flatMap((result) => result.lines)) console.log(`  ${line}`);
  return results.every((result) => result.ok);
}

async function storageFloor(dir: string): Promise<FloorResult[]> {
  console.log(`\nStorage floor (${FLOOR_SECONDS} s per variant, in this process)...`);
  return measureStorageFloor(dir, FLOOR_SECONDS, FLOOR_VARIANTS);
}

function printResults(phases: Phases, floors: readonly FloorResult[], pages: PageFigures[]): void {
  const rows = new Map<PhaseKey, PhaseFigures>();
  for (const [key, phase] of Object.entries(phases) as [PhaseKey, PhaseResult][]) {
    rows.set(key, figuresOf(phase, key !== 'bare' && key !== 'ping'));
  }
  const bare = rows.get('bare');
  if (!bare || !phases.bare) throw new Error('the bare no-op did not run');
  const bareSlices = phases.bare.slices;
  const toBare = (key: PhaseKey, label?: string): Ratio[] => {
    const phase = phases[key];
    const row = rows.get(key);
    if (!phase || !row) return [];
    const settles = key !== 'ping';
    const rate = settles ? row.settlesPerS : row.requestsPerS;
    return [
      {
        label: label ?? `${row.name} / bare`,
        value: rate / bare.requestsPerS,
        perRound: phase.slices.map((slice, round) => {
          const bareSlice = bareSlices[round];
          const sliceRate = settles ? itemRateOf(slice) : rateOf(slice);
          return bareSlice ? sliceRate / rateOf(bareSlice) : Number.NaN;
        }),
      },
    ];
  };
  const ratios: Ratio[] = [
    ...toBare('ping'),
    ...toBare('many'),
    ...toBare('hot'),
    ...toBare('overdue'),
    ...toBare('batch', 'settleBatch charges/s / bare req/s'),
    ...toBare('booksMany'),
    ...toBare('booksHot'),
    ...floorRatios(rows, floors),
  ];
  console.log(
    `\nResults: the ${TIMING.rounds} measured slices of each phase together, rates ` +
      'over their steady windows (secs); latency of 2xx responses except the first on each ' +
      'connection, whose slowest is shown as "1st resp ms".\n',
  );
  console.log(phaseTable([...rows.values()], floors));
  console.log('');
  console.log(ratioTable(ratios));
  console.log('');
  console.log(pageTable(pages));
  console.log('\nTargets (printed, not asserted):');
  const settles = (['many', 'hot'] as const).flatMap((key) => rows.get(key) ?? []);
  const lines = targetLines(bare, settles);
  const batch = rows.get('batch');
  if (batch) lines.push(batchLine(batch));
  for (const [emptyKey, booksKey] of [
    ['many', 'booksMany'],
    ['hot', 'booksHot'],
  ] as const) {
    const empty = rows.get(emptyKey);
    const books = rows.get(booksKey);
    if (empty && books) lines.push(booksLine(empty, books));
  }
  for (const line of lines) console.log(`  ${line}`);
  printStatusCodes(phases);
}

function floorRatios(rows: ReadonlyMap<PhaseKey, PhaseFigures>, floors: readonly FloorResult[]) {
  const many = rows.get('many');
  const hot = rows.get('hot');
  const ratios: Ratio[] = [];
  for (const floor of floors) {
    if (many) {
      ratios.push({
        label: `settle, many / floor ${floor.variant.label}`,
        value: many.settlesPerS / floor.settlesPerS,
      });
    }
    if (hot) {
      ratios.push({
        label: `settle, hot (cash) / floor ${floor.variant.label}`,
        value: hot.settlesPerS / floor.settlesPerS,
      });
    }
  }
  return ratios;
}

function printStatusCodes(phases: Phases): void {
  const lines = Object.values(phases)
    .filter((phase) => phase.measured.non2xx + phase.measured.errors > 0)
    .map((phase) => `${phase.spec.name}: ${JSON.stringify(phase.measured.statusCodes)}`);
  if (lines.length === 0) return;
  console.log('\nStatus codes of phases with failures:');
  for (const line of lines) console.log(`  ${line}`);
}

function loadText(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}

function printMachine(): void {
  const cores = cpus();
  const memoryGiB = Math.round(totalmem() / 2 ** 30);
  console.log('Account Wallet settlement benchmark');
  console.log('command: npm run bench  (node --import tsx bench/settle.ts)');
  console.log(
    `node ${process.version} on ${platform()} ${release()}; ` +
      `${cores.length} cpus (${cores[0]?.model ?? 'unknown'}); ${memoryGiB} GiB RAM; ` +
      `load average ${loadText()}`,
  );
  console.log(`code: ${CHECKOUT ? `the wallet from ${CHECKOUT}` : codeVersion()}`);
  console.log(
    `phases: warm-up ${TIMING.warmupS} s, then ~${TIMING.measureS} s measured in ` +
      `${TIMING.rounds} interleaved slices; ${CONNECTIONS} connections ` +
      `(settleBatch ${BATCH_CONNECTIONS} × ${BATCH_SIZE} charges); loopback HTTP/1.1; ` +
      `full books: ${BOOKS.toLocaleString('en-US')} charges\n`,
  );
}

/** The commit measured, and whether the work tree differed from it. */
function codeVersion(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
    const dirty = git('status', '--porcelain', '--', 'server', 'common', 'db') !== '';
    return (
      `commit ${git('rev-parse', '--short', 'HEAD')}` +
      (dirty ? ' with uncommitted changes in server/, common/ or db/' : '')
    );
  } catch {
    return 'unknown (no git)';
  }
}

async function stopAndReport(server: BenchServer): Promise<void> {
  await server.stop();
  const lines = server
    .stderr()
    .split('\n')
    .filter((line) => line.trim() !== '');
  if (lines.length === 0) {
    console.log(`Server ${server.pid} stderr: empty`);
    return;
  }
  console.log(`Server ${server.pid} stderr: ${lines.length} lines; the first 30:`);
  for (const line of lines.slice(0, 30)) console.log(`  ${line}`);
}

// Ctrl-C or a kill still runs the exit hooks that end the child servers.
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

try {
  process.exitCode = await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
}
