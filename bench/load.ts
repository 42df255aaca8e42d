/**
 * Drives the phases of HTTP load: per phase a warm-up, then measured slices.
 *
 * Every run is bounded by a request count (`amount`), not by a duration: a run that stops
 * on a timer drops the requests in flight, whose charges the server may still settle, and
 * then the database could not be checked against the 2xx count exactly. The warm-up runs
 * short rounds until its time is up and estimates the rate from the last one; a measured
 * slice asks for that rate times its seconds, and the next slice uses the rate of the one
 * before. A deadline stops any run that stalls.
 */
import { rateOf, runOnce, sumTallies, type LoadSpec, type RunTally } from './run.ts';

export type { LoadSpec, RunTally } from './run.ts';
export { itemRateOf, percentile, rateOf } from './run.ts';

export interface PhaseResult {
  readonly spec: LoadSpec;
  readonly warmup: RunTally;
  /** The measured slices, one per round, in order. */
  readonly slices: readonly RunTally[];
  /** All slices together. */
  readonly measured: RunTally;
}

export interface PhaseTiming {
  readonly warmupS: number;
  /** Measured seconds per phase, split evenly over the rounds. */
  readonly measureS: number;
  readonly rounds: number;
}

/** Requests per connection in the first warm-up round, and at least in any run. */
const FIRST_ROUND_PER_CONNECTION = 4;
const MIN_RUN_PER_CONNECTION = 2;
const WARMUP_ROUND_S = 1;
const MAX_WARMUP_ROUNDS = 200;
const MAX_MEASURED_REQUESTS = 500_000;
/** A warm-up round taking longer than this has stalled; the first one is slow, cold code. */
const WARMUP_ROUND_LIMIT_S = 30;
/**
 * A measured slice taking this many times its planned seconds is stopped, which keeps the
 * whole benchmark bounded when the machine is busy; its requests in flight go unanswered.
 */
const MEASURED_LIMIT_FACTOR = 2;

/**
 * Runs the phases interleaved: round one warms each phase up and measures a slice of it, the
 * next rounds measure one more slice of each in the same order. Background load on a shared
 * machine drifts over minutes; interleaving lets every phase see about the same share of it,
 * so the ratios between phases hold better than the absolute figures.
 */
export async function runInterleaved<K extends string>(
  specs: Readonly<Record<K, LoadSpec>>,
  timing: PhaseTiming,
  onStart: (spec: LoadSpec, round: number) => void,
): Promise<Record<K, PhaseResult>> {
  const keys = Object.keys(specs) as K[];
  const sliceS = timing.measureS / timing.rounds;
  const state = new Map<K, { warmup: RunTally; slices: RunTally[]; ratePerS: number }>();
  for (let round = 0; round < timing.rounds; round++) {
    for (const key of keys) {
      const spec = specs[key];
      onStart(spec, round);
      let phase = state.get(key);
      if (!phase) {
        const { warmup, lastRound } = await warmUp(spec, timing.warmupS);
        phase = { warmup, slices: [], ratePerS: rateOf(lastRound) };
        state.set(key, phase);
      }
      const floor = spec.connections * MIN_RUN_PER_CONNECTION;
      const amount = clamp(Math.round(phase.ratePerS * sliceS), floor, MAX_MEASURED_REQUESTS);
      const slice = await runOnce(spec, amount, sliceS * MEASURED_LIMIT_FACTOR);
      phase.slices.push(slice);
      phase.ratePerS = rateOf(slice);
    }
  }
  const results = {} as Record<K, PhaseResult>;
  for (const key of keys) {
    const phase = state.get(key);
    if (!phase) throw new Error(`phase ${key} did not run`);
    const { warmup, slices } = phase;
    results[key] = { spec: specs[key], warmup, slices, measured: sumTallies(slices) };
  }
  return results;
}

/**
 * Rounds until the warm-up time is spent, and at least two of them. The first is small; each
 * next one is sized to last about a second at the rate of the one before, so the last round
 * gives a steady rate — the first ones run cold code and are several times slower.
 */
async function warmUp(
  spec: LoadSpec,
  warmupS: number,
): Promise<{ warmup: RunTally; lastRound: RunTally }> {
  const smallest = spec.connections * MIN_RUN_PER_CONNECTION;
  const rounds: RunTally[] = [];
  let amount = spec.connections * FIRST_ROUND_PER_CONNECTION;
  let elapsedS = 0;
  for (let round = 0; round < MAX_WARMUP_ROUNDS; round++) {
    if (round >= 2 && elapsedS >= warmupS) break;
    const tally = await runOnce(spec, amount, WARMUP_ROUND_LIMIT_S);
    rounds.push(tally);
    elapsedS += tally.elapsedS;
    amount = clamp(Math.round(rateOf(tally) * WARMUP_ROUND_S), smallest, MAX_MEASURED_REQUESTS);
  }
  const lastRound = rounds.at(-1);
  if (!lastRound) throw new Error('the warm-up ran no round');
  return { warmup: sumTallies(rounds), lastRound };
}

function clamp(value: number, low: number, high: number): number {
  if (!Number.isFinite(value)) return low;
  return Math.min(high, Math.max(low, value));
}
