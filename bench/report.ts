/**
 * Turns the measured phases into the printed tables: figures per phase, the ratios between
 * them, and how they compare with the target. The target is printed, never asserted: on a
 * shared 2-core machine a timing is a figure, not a verdict.
 */
import type { FloorResult } from './floor.ts';
import { itemRateOf, percentile, rateOf, type PhaseResult } from './load.ts';

export interface PhaseFigures {
  readonly name: string;
  readonly connections: number;
  readonly requestsPerS: number;
  /** Charges settled per second; NaN for the no-op. */
  readonly settlesPerS: number;
  readonly latencyMsP50: number;
  readonly latencyMsP99: number;
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  /** Length of the steady windows together. */
  readonly seconds: number;
  /** The slowest first response on a new connection, kept out of the latencies. */
  readonly firstResponseMsMax: number;
}

/**
 * The targets (issue 10): settle at 50 clients ≥ 0.6 × the bare no-op (stretch 0.8) with
 * p99 ≤ 30 ms; settleBatch ≥ 20,000 charges/s; with a million charges in the books, settle
 * within 1.2 × of the empty database in throughput and p99, and first pages under 20 ms.
 */
export const TARGET = {
  ratioToBare: 0.6,
  stretchRatioToBare: 0.8,
  latencyMsP99: 30,
  batchChargesPerS: 20_000,
  booksFactor: 1.2,
  firstPageMs: 20,
} as const;

export function figuresOf(phase: PhaseResult, settles: boolean): PhaseFigures {
  const run = phase.measured;
  return {
    name: phase.spec.name,
    connections: phase.spec.connections,
    requestsPerS: rateOf(run),
    settlesPerS: settles ? itemRateOf(run) : Number.NaN,
    latencyMsP50: percentile(run.latenciesMs, 50),
    latencyMsP99: percentile(run.latenciesMs, 99),
    ok: run.ok,
    non2xx: run.non2xx,
    errors: run.errors,
    timeouts: run.timeouts,
    seconds: run.steadyS,
    firstResponseMsMax: run.firstResponseMsMax,
  };
}

export function phaseTable(rows: readonly PhaseFigures[], floors: readonly FloorResult[]): string {
  const header = [
    'phase',
    'conns',
    'req/s',
    'settles/s',
    'p50 ms',
    'p99 ms',
    '2xx',
    'non-2xx',
    'errors',
    'timeouts',
    'secs',
    '1st resp ms',
  ];
  const body = rows.map((row) => [
    row.name,
    String(row.connections),
    whole(row.requestsPerS),
    whole(row.settlesPerS),
    fixed(row.latencyMsP50, 2),
    fixed(row.latencyMsP99, 2),
    String(row.ok),
    String(row.non2xx),
    String(row.errors),
    String(row.timeouts),
    fixed(row.seconds, 1),
    whole(row.firstResponseMsMax),
  ]);
  for (const floor of floors) {
    body.push([
      `storage floor, ${floor.variant.label}`,
      '1',
      '-',
      whole(floor.settlesPerS),
      '-',
      '-',
      String(floor.settles),
      '-',
      '-',
      '-',
      fixed(floor.elapsedS, 1),
      '-',
    ]);
  }
  return table(header, body);
}

export interface Ratio {
  readonly label: string;
  readonly value: number;
  /** The same ratio within each round of interleaved slices, when it has rounds. */
  readonly perRound?: readonly number[];
}

export function ratioTable(ratios: readonly Ratio[]): string {
  const rows = ratios.map((ratio) => [
    ratio.label,
    fixed(ratio.value, 3),
    ratio.perRound ? ratio.perRound.map((value) => fixed(value, 2)).join(', ') : '-',
  ]);
  return table(['ratio', 'value', 'per round'], rows);
}

/** One line per settle phase: its ratio to the bare no-op and its p99 against the target. */
export function targetLines(bare: PhaseFigures, settles: readonly PhaseFigures[]): string[] {
  return settles.map((row) => {
    const ratio = row.settlesPerS / bare.requestsPerS;
    const met = ratio >= TARGET.ratioToBare && row.latencyMsP99 <= TARGET.latencyMsP99;
    const stretch = ratio >= TARGET.stretchRatioToBare ? ' (stretch met)' : '';
    return (
      `${row.name}: ${fixed(ratio, 3)} × bare (target ≥ ${TARGET.ratioToBare}), ` +
      `p99 ${fixed(row.latencyMsP99, 2)} ms (target ≤ ${TARGET.latencyMsP99} ms): ` +
      `${met ? 'meets the target' : 'below the target'}${stretch}`
    );
  });
}

/** settleBatch against its absolute target. */
export function batchLine(batch: PhaseFigures): string {
  const met = batch.settlesPerS >= TARGET.batchChargesPerS;
  return (
    `${batch.name}: ${whole(batch.settlesPerS)} charges/s ` +
    `(target ≥ ${whole(TARGET.batchChargesPerS)}): ${met ? 'meets the target' : 'below the target'}`
  );
}

/** A phase on the full books against the same phase on the empty database. */
export function booksLine(empty: PhaseFigures, books: PhaseFigures): string {
  const slower = empty.settlesPerS / books.settlesPerS;
  const p99 = books.latencyMsP99 / empty.latencyMsP99;
  const met = slower <= TARGET.booksFactor && p99 <= TARGET.booksFactor;
  return (
    `${books.name}: empty/books throughput ${fixed(slower, 3)}, books/empty p99 ` +
    `${fixed(p99, 3)} (target ≤ ${TARGET.booksFactor} each): ` +
    (met ? 'meets the target' : 'below the target')
  );
}

export interface PageRow {
  readonly name: string;
  readonly requests: number;
  readonly rows: number;
  readonly latencyMsP50: number;
  readonly latencyMsMax: number;
}

export function pageTable(pages: readonly PageRow[]): string {
  const rows = pages.map((page) => [
    page.name,
    String(page.requests),
    String(page.rows),
    fixed(page.latencyMsP50, 2),
    fixed(page.latencyMsMax, 2),
    page.latencyMsP50 < TARGET.firstPageMs ? 'yes' : 'NO',
  ]);
  return table(
    ['first page', 'requests', 'rows', 'p50 ms', 'max ms', `p50 < ${TARGET.firstPageMs} ms`],
    rows,
  );
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => pad(cell, widths[column] ?? 0, column)).join(' | ')} |`;
  const rule = `|${widths.map((width, column) => rulePart(width, column)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** The first column reads left-aligned; figures right-aligned, as a Markdown table too. */
function pad(cell: string, width: number, column: number): string {
  return column === 0 ? cell.padEnd(width) : cell.padStart(width);
}

function rulePart(width: number, column: number): string {
  return column === 0 ? `${'-'.repeat(width + 2)}` : `${'-'.repeat(width + 1)}:`;
}

function whole(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '-';
}

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '-';
}
