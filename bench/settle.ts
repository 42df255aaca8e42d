/**
 * The settlement benchmark: `npm run bench` (= `node --import tsx bench/settle.ts`).
 *
 * Starts the real server as a child process on a fresh database and drives it over loopback
 * HTTP with autocannon from this process, so each gets one of the machine's cores. Each phase
 * is warmed up once, then measured in slices interleaved with the other phases (see load.ts):
 *   1. the tRPC no-op `ping` — the framework's ceiling;
 *   2. `charges.settle` spread round-robin over many funded accounts;
 *   3. `charges.settle` on one hot account paid from cash;
 *   4. `charges.settle` on one hot account with no cash, so every charge goes overdue;
 *   5. `charges.settleBatch`, 50 charges a call, on the many accounts.
 * Then the audit, a count of the stored charges against the 2xx responses, and the storage
 * floor: the same row writes with raw prepared statements on a libSQL file, no HTTP.
 *
 * It prints figures and compares them with the target; it never passes or fails on time.
 * It exits non-zero only when the server's books are wrong (audit or counts).
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createWalletClient } from '../server/client.ts';
import {
  BATCH_SIZE,
  chargeSource,
  settleBatchBody,
  settleBody,
  settledInBatch,
} from './charges.ts';
import { buildFixtures, type Fixtures } from './fixtures.ts';
import { FLOOR_VARIANTS, measureStorageFloor, type FloorResult } from './floor.ts';
import { itemRateOf, rateOf, runInterleaved, type LoadSpec, type PhaseResult } from './load.ts';
import {
  figuresOf,
  phaseTable,
  ratioTable,
  targetLines,
  type PhaseFigures,
  type Ratio,
} from './report.ts';
import { newOperatorKey, startServer } from './server.ts';
import { verifyDatabase } from './verify.ts';

const TIMING = { warmupS: 2, measureS: 12, rounds: 3 } as const;
const CONNECTIONS = 50;
const BATCH_CONNECTIONS = 10;
const MANY_ACCOUNTS = 200;
const FLOOR_SECONDS = 5;

interface Phases {
  readonly noop: PhaseResult;
  readonly many: PhaseResult;
  readonly hot: PhaseResult;
  readonly overdue: PhaseResult;
  readonly batch: PhaseResult;
}

async function main(): Promise<number> {
  printMachine();
  const dir = await mkdtemp(join(tmpdir(), 'wallet-bench-'));
  // On Ctrl-C too: the exit hook runs where a `finally` would not.
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', removeDir);
  try {
    const dbPath = join(dir, 'wallet.db');
    const { fixtures, phases, auditOk } = await runAgainstServer(dbPath);
    const verified = await verifyDatabase(
      dbPath,
      [
        { prefix: 'many', phase: phases.many, chargesPerRequest: 1 },
        { prefix: 'hot', phase: phases.hot, chargesPerRequest: 1 },
        { prefix: 'debt', phase: phases.overdue, chargesPerRequest: 1 },
        { prefix: 'batch', phase: phases.batch, chargesPerRequest: BATCH_SIZE },
      ],
      [
        { prefix: 'hot', account: fixtures.hot, balance: 'cash' },
        { prefix: 'debt', account: fixtures.debtor, balance: 'overdue' },
      ],
    );
    console.log('\nStored charges against 2xx responses:');
    for (const line of verified.lines) console.log(`  ${line}`);
    console.log(`\nStorage floor (${FLOOR_SECONDS} s per variant, in this process)...`);
    const floors = await measureStorageFloor(dir, FLOOR_SECONDS, FLOOR_VARIANTS);
    printResults(phases, floors);
    const load = loadavg()
      .map((value) => value.toFixed(2))
      .join(' ');
    console.log(`\nLoad average at the end: ${load} (other processes on the machine add noise)`);
    return auditOk && verified.ok ? 0 : 1;
  } finally {
    removeDir();
    process.removeListener('exit', removeDir);
  }
}

async function runAgainstServer(dbPath: string) {
  const operatorKey = newOperatorKey();
  const server = await startServer(dbPath, operatorKey);
  console.log(`server pid ${server.pid} at ${server.url}, database ${dbPath}`);
  try {
    console.log(`Creating ${MANY_ACCOUNTS} funded accounts, a hot one and an unfunded one...`);
    const fixtures = await buildFixtures(server.url, operatorKey, MANY_ACCOUNTS);
    const phases = await runPhases(server.url, fixtures);
    const operator = createWalletClient({ url: server.url, apiKey: operatorKey, batch: false });
    const audit = await operator.admin.audit.query();
    const verdict = audit.ok ? 'clean' : `${audit.violations.length} VIOLATIONS`;
    console.log(`\nAudit: ${verdict}; counts ${JSON.stringify(audit.counts)}`);
    for (const violation of audit.violations.slice(0, 20)) {
      console.log(`  ${violation.check} ${violation.subject}: ${violation.detail}`);
    }
    return { fixtures, phases, auditOk: audit.ok };
  } finally {
    await server.stop();
    printServerStderr(server.stderr());
  }
}

async function runPhases(url: string, fixtures: Fixtures): Promise<Phases> {
  const json = { 'content-type': 'application/json' };
  const metering = { ...json, authorization: `Bearer ${fixtures.meteringKey}` };
  const settle = (name: string, prefix: string, workspaceIds: readonly string[]): LoadSpec => ({
    name,
    path: '/trpc/charges.settle',
    connections: CONNECTIONS,
    headers: metering,
    body: settleBody(chargeSource(prefix, workspaceIds)),
  });
  const specs = {
    noop: {
      name: 'no-op ping',
      path: '/trpc/ping',
      connections: CONNECTIONS,
      headers: json,
      body: () => '{}',
    },
    many: settle(`settle, ${MANY_ACCOUNTS} accounts`, 'many', fixtures.manyWorkspaceIds),
    hot: settle('settle, 1 hot account (cash)', 'hot', [fixtures.hot.workspaceId]),
    overdue: settle('settle, 1 hot account (overdue)', 'debt', [fixtures.debtor.workspaceId]),
    batch: {
      name: `settleBatch ×${BATCH_SIZE}, ${MANY_ACCOUNTS} accounts`,
      path: '/trpc/charges.settleBatch',
      connections: BATCH_CONNECTIONS,
      headers: metering,
      body: settleBatchBody(chargeSource('batch', fixtures.manyWorkspaceIds), BATCH_SIZE),
      itemsOf: settledInBatch,
    },
  } satisfies Record<keyof Phases, LoadSpec>;
  return runInterleaved(url, specs, TIMING, (spec, round) => {
    const warm = round === 0 ? `warm-up ${TIMING.warmupS} s, then ` : '';
    const sliceS = TIMING.measureS / TIMING.rounds;
    console.log(
      `Round ${round + 1}/${TIMING.rounds}: ${spec.name}, ` +
        `${spec.connections} connections (${warm}~${sliceS} s measured)`,
    );
  });
}

function printResults(phases: Phases, floors: readonly FloorResult[]): void {
  const noop = figuresOf(phases.noop, false);
  const many = figuresOf(phases.many, true);
  const hot = figuresOf(phases.hot, true);
  const overdue = figuresOf(phases.overdue, true);
  const batch = figuresOf(phases.batch, true);
  const [single, rowByRow, multiRow] = floors.map((floor) => floor.settlesPerS);
  const perSingle = (row: PhaseFigures) => row.settlesPerS / (single ?? Number.NaN);
  const perMultiRow = (row: PhaseFigures) => row.settlesPerS / (multiRow ?? Number.NaN);
  const toNoop = (phase: PhaseResult, row: PhaseFigures): Ratio => ({
    label: `${row.name} / no-op`,
    value: row.settlesPerS / noop.requestsPerS,
    perRound: phase.slices.map((slice, round) => {
      const noopSlice = phases.noop.slices[round];
      return noopSlice ? itemRateOf(slice) / rateOf(noopSlice) : Number.NaN;
    }),
  });
  const ratios: Ratio[] = [
    toNoop(phases.many, many),
    toNoop(phases.hot, hot),
    toNoop(phases.overdue, overdue),
    { ...toNoop(phases.batch, batch), label: 'settleBatch charges/s / no-op req/s' },
    { label: 'settle, many / floor 1 settle/tx', value: perSingle(many) },
    { label: 'settle, hot (cash) / floor 1 settle/tx', value: perSingle(hot) },
    {
      label: 'settle, many / floor 50/tx row by row',
      value: many.settlesPerS / (rowByRow ?? Number.NaN),
    },
    { label: 'settle, many / floor 50/tx multi-row', value: perMultiRow(many) },
    { label: 'settle, hot (cash) / floor 50/tx multi-row', value: perMultiRow(hot) },
    { label: 'settleBatch / floor 50/tx multi-row', value: perMultiRow(batch) },
  ];
  console.log(
    `\nResults: the ${TIMING.rounds} measured slices of each phase together, rates ` +
      'over their steady windows (secs); latency of 2xx responses except the first on each ' +
      'connection, whose slowest is shown as "1st resp ms".\n',
  );
  console.log(phaseTable([noop, many, hot, overdue, batch], floors));
  console.log('');
  console.log(ratioTable(ratios));
  console.log(
    '\nTarget (printed, not asserted): settle at 50 clients ≥ 0.5 × no-op, ' + 'p99 ≤ 30 ms',
  );
  for (const line of targetLines(noop, [many, hot, overdue])) console.log(`  ${line}`);
  printStatusCodes(phases);
}

function printStatusCodes(phases: Phases): void {
  const lines = Object.values(phases)
    .filter((phase) => phase.measured.non2xx + phase.measured.errors > 0)
    .map((phase) => `${phase.spec.name}: ${JSON.stringify(phase.measured.statusCodes)}`);
  if (lines.length === 0) return;
  console.log('\nStatus codes of phases with failures:');
  for (const line of lines) console.log(`  ${line}`);
}

function printMachine(): void {
  const cores = cpus();
  const load = loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
  const memoryGiB = Math.round(totalmem() / 2 ** 30);
  console.log('Account Wallet settlement benchmark');
  console.log('command: npm run bench  (node --import tsx bench/settle.ts)');
  console.log(
    `node ${process.version} on ${platform()} ${release()}; ` +
      `${cores.length} cpus (${cores[0]?.model ?? 'unknown'}); ${memoryGiB} GiB RAM; ` +
      `load average ${load}`,
  );
  console.log(`code: ${codeVersion()}`);
  console.log(
    `phases: warm-up ${TIMING.warmupS} s, then ~${TIMING.measureS} s measured in ` +
      `${TIMING.rounds} interleaved slices; ${CONNECTIONS} connections ` +
      `(settleBatch ${BATCH_CONNECTIONS}); loopback HTTP/1.1\n`,
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

function printServerStderr(stderr: string): void {
  const lines = stderr.split('\n').filter((line) => line.trim() !== '');
  if (lines.length === 0) {
    console.log('Server stderr: empty');
    return;
  }
  console.log(`Server stderr: ${lines.length} lines; the first 30:`);
  for (const line of lines.slice(0, 30)) console.log(`  ${line}`);
}

// Ctrl-C or a kill still runs the exit hook that ends the child server.
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

try {
  process.exitCode = await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
}
