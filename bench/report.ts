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

/** The target: settle at 50 clients ≥ 0.5 × the no-op ceiling, with p99 ≤ 30 ms. */
export const TARGET = { ratioToNoop: 0.5, latencyMsP99: 30 } as const;

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

/** One line per settle phase: its ratio to the no-op and its p99 against the target. */
export function targetLines(noop: PhaseFigures, settles: readonly PhaseFigures[]): string[] {
  return settles.map((row) => {
    const ratio = row.settlesPerS / noop.requestsPerS;
    const ratioMet = ratio >= TARGET.ratioToNoop;
    const latencyMet = row.latencyMsP99 <= TARGET.latencyMsP99;
    const verdict = ratioMet && latencyMet ? 'meets the target' : 'below the target';
    return (
      `${row.name}: ${fixed(ratio, 3)} × no-op (target ≥ ${TARGET.ratioToNoop}), ` +
      `p99 ${fixed(row.latencyMsP99, 2)} ms (target ≤ ${TARGET.latencyMsP99} ms): ${verdict}`
    );
  });
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
