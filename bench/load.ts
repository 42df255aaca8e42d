/**
 * Drives one phase of HTTP load with autocannon: a warm-up, then a measured run.
 *
 * Every run is bounded by a request count (`amount`), not by a duration: a run that stops
 * on a timer drops the requests in flight, whose charges the server may still settle, and
 * then the database could not be checked against the 2xx count exactly. The warm-up runs
 * short fixed-size rounds until its time is up and estimates the rate; the measured run
 * asks for that rate times the measured seconds. A deadline stops any run that stalls.
 *
 * Throughput and latency are taken here rather than from autocannon's summary: its clock
 * for `amount` runs stops at its next one-second tick, and its latency histogram keeps whole
 * milliseconds only.
 */
import { performance } from 'node:perf_hooks';
import autocannon, { type Instance, type Result } from 'autocannon';

export interface LoadSpec {
  readonly name: string;
  /** Path under the server's URL, e.g. /trpc/charges.settle. */
  readonly path: string;
  readonly connections: number;
  readonly headers: Readonly<Record<string, string>>;
  /** A fresh request body; called once per request. */
  readonly body: () => string;
  /** How many charges a 2xx response settled, read from its body; one when absent. */
  readonly itemsOf?: (responseBody: string) => number;
}

export interface RunTally {
  readonly completed: number;
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  /** Requests sent that got no response (a run stopped at its deadline). */
  readonly unanswered: number;
  /** Charges settled according to the 2xx responses. */
  readonly items: number;
  readonly elapsedS: number;
  readonly statusCodes: Readonly<Record<string, number>>;
  /** Latency of each 2xx response, in ms. */
  readonly latenciesMs: readonly number[];
}

export interface PhaseResult {
  readonly spec: LoadSpec;
  readonly warmup: RunTally;
  readonly measured: RunTally;
}

export interface PhaseTiming {
  readonly warmupS: number;
  readonly measureS: number;
}

const WARMUP_ROUND_PER_CONNECTION = 20;
const MAX_WARMUP_ROUNDS = 200;
const MAX_MEASURED_REQUESTS = 500_000;
/** A run that takes this many times its planned duration is stopped. */
const DEADLINE_FACTOR = 3;

export async function runPhase(
  url: string,
  spec: LoadSpec,
  timing: PhaseTiming,
): Promise<PhaseResult> {
  const warmup = await warmUp(url, spec, timing.warmupS);
  const ratePerS = warmup.completed / Math.max(warmup.elapsedS, 0.001);
  const floor = spec.connections * WARMUP_ROUND_PER_CONNECTION;
  const amount = clamp(Math.round(ratePerS * timing.measureS), floor, MAX_MEASURED_REQUESTS);
  const measured = await runOnce(url, spec, amount, timing.measureS * DEADLINE_FACTOR);
  return { spec, warmup, measured };
}

async function warmUp(url: string, spec: LoadSpec, warmupS: number): Promise<RunTally> {
  const amount = spec.connections * WARMUP_ROUND_PER_CONNECTION;
  const rounds: RunTally[] = [];
  let elapsedS = 0;
  for (let round = 0; round < MAX_WARMUP_ROUNDS && elapsedS < warmupS; round++) {
    const tally = await runOnce(url, spec, amount, warmupS * DEADLINE_FACTOR);
    rounds.push(tally);
    elapsedS += tally.elapsedS;
  }
  return sumTallies(rounds);
}

async function runOnce(
  url: string,
  spec: LoadSpec,
  amount: number,
  deadlineS: number,
): Promise<RunTally> {
  const latenciesMs: number[] = [];
  let items = 0;
  const startMs = performance.now();
  let lastResponseMs = startMs;
  const result = await new Promise<Result>((resolve, reject) => {
    const instance: Instance = autocannon(
      {
        url: `${url}${spec.path}`,
        connections: spec.connections,
        amount,
        method: 'POST',
        headers: { ...spec.headers },
        requests: [
          {
            setupRequest: (request) => ({ ...request, body: spec.body() }),
            ...(spec.itemsOf ? { onResponse: countItems } : {}),
          },
        ],
      },
      (error, result) => {
        clearTimeout(deadline);
        if (error) reject(error);
        else resolve(result);
      },
    );
    const deadline = setTimeout(() => instance.stop(), deadlineS * 1000);
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      lastResponseMs = performance.now();
      if (status >= 200 && status < 300) latenciesMs.push(ms);
    });
  });
  function countItems(status: number, body: string): void {
    if (status >= 200 && status < 300) items += spec.itemsOf?.(body) ?? 0;
  }
  return tallyOf(result, spec.itemsOf ? items : result['2xx'], latenciesMs, {
    elapsedS: (lastResponseMs - startMs) / 1000,
  });
}

function tallyOf(
  result: Result,
  items: number,
  latenciesMs: number[],
  timing: { elapsedS: number },
): RunTally {
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats)) statusCodes[code] = stat.count;
  return {
    completed: result.totalCompletedRequests,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    unanswered: Math.max(0, result.totalRequests - result.totalCompletedRequests),
    items,
    elapsedS: timing.elapsedS,
    statusCodes,
    latenciesMs,
  };
}

function sumTallies(tallies: readonly RunTally[]): RunTally {
  const statusCodes: Record<string, number> = {};
  for (const tally of tallies) {
    for (const [code, count] of Object.entries(tally.statusCodes)) {
      statusCodes[code] = (statusCodes[code] ?? 0) + count;
    }
  }
  const sum = (pick: (tally: RunTally) => number) =>
    tallies.reduce((total, tally) => total + pick(tally), 0);
  return {
    completed: sum((t) => t.completed),
    ok: sum((t) => t.ok),
    non2xx: sum((t) => t.non2xx),
    errors: sum((t) => t.errors),
    timeouts: sum((t) => t.timeouts),
    unanswered: sum((t) => t.unanswered),
    items: sum((t) => t.items),
    elapsedS: sum((t) => t.elapsedS),
    statusCodes,
    latenciesMs: tallies.flatMap((t) => t.latenciesMs),
  };
}

/** The value at percentile `p` (0..100) by nearest rank; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
