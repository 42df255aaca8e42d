/**
 * One autocannon run of a fixed number of requests, and its tally.
 *
 * Rates come from the steady window: from the moment every connection has had its first
 * response to the moment the first connection has had its last. Outside it not every
 * connection is busy: at the start they are still connecting, at the end some have finished
 * their share. The first response on each connection is also kept out of the latencies and
 * reported on its own: it includes opening the connection, and 50 connections opened at once
 * against a busy server wait hundreds of milliseconds for it, which is about the load
 * generator starting, not about the procedure under test.
 *
 * Clock and latencies are taken here rather than from autocannon's summary: its clock for
 * `amount` runs stops at its next one-second tick, and its histogram keeps whole milliseconds.
 */
import { performance } from 'node:perf_hooks';
import autocannon, { type Instance, type Result } from 'autocannon';

export interface LoadSpec {
  readonly name: string;
  /** The server this phase loads: the wallet, the wallet on the full books, or the bare no-op. */
  readonly url: string;
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
  /** Charges settled according to all the 2xx responses. */
  readonly items: number;
  /** From the start of the run to its last response. */
  readonly elapsedS: number;
  readonly steadyS: number;
  readonly steadyResponses: number;
  readonly steadyItems: number;
  readonly statusCodes: Readonly<Record<string, number>>;
  /** Latency of each 2xx response but the first on its connection, in ms. */
  readonly latenciesMs: readonly number[];
  /** The slowest first response on a connection, in ms. */
  readonly firstResponseMsMax: number;
}

interface Response {
  readonly atMs: number;
  readonly items: number;
}

interface ConnectionSpan {
  firstMs: number;
  lastMs: number;
}

export async function runOnce(
  spec: LoadSpec,
  amount: number,
  deadlineS: number,
): Promise<RunTally> {
  const responses: Response[] = [];
  const spans = new Map<unknown, ConnectionSpan>();
  const latenciesMs: number[] = [];
  let firstResponseMsMax = 0;
  // autocannon calls onResponse (with the body) right before it emits 'response'.
  let bodyItems = 0;
  const startMs = performance.now();
  const result = await new Promise<Result>((resolve, reject) => {
    const instance: Instance = autocannon(
      {
        url: `${spec.url}${spec.path}`,
        connections: spec.connections,
        amount,
        method: 'POST',
        headers: { ...spec.headers },
        requests: [
          {
            setupRequest: (request) => ({ ...request, body: spec.body() }),
            ...(spec.itemsOf ? { onResponse: readItems } : {}),
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
    instance.on('response', (connection: unknown, status: number, _bytes: number, ms: number) => {
      const atMs = performance.now();
      const ok = status >= 200 && status < 300;
      responses.push({ atMs, items: ok ? (spec.itemsOf ? bodyItems : 1) : 0 });
      const span = spans.get(connection);
      if (span) {
        span.lastMs = atMs;
        if (ok) latenciesMs.push(ms);
      } else {
        spans.set(connection, { firstMs: atMs, lastMs: atMs });
        firstResponseMsMax = Math.max(firstResponseMsMax, ms);
      }
    });
  });
  function readItems(status: number, body: string): void {
    bodyItems = status >= 200 && status < 300 ? (spec.itemsOf?.(body) ?? 0) : 0;
  }
  const elapsedS = ((responses.at(-1)?.atMs ?? startMs) - startMs) / 1000;
  return tallyOf(result, responses, steadyWindow(spans, startMs, responses), {
    elapsedS,
    latenciesMs,
    firstResponseMsMax,
  });
}

/** [from, to] in ms; the whole run when no connection ever had all of them busy at once. */
function steadyWindow(
  spans: ReadonlyMap<unknown, ConnectionSpan>,
  startMs: number,
  responses: readonly Response[],
): { fromMs: number; toMs: number } {
  const all = [...spans.values()];
  const fromMs = Math.max(...all.map((span) => span.firstMs));
  const toMs = Math.min(...all.map((span) => span.lastMs));
  if (all.length > 0 && toMs > fromMs) return { fromMs, toMs };
  return { fromMs: startMs, toMs: responses.at(-1)?.atMs ?? startMs };
}

function tallyOf(
  result: Result,
  responses: readonly Response[],
  window: { fromMs: number; toMs: number },
  measured: { elapsedS: number; latenciesMs: number[]; firstResponseMsMax: number },
): RunTally {
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats)) statusCodes[code] = stat.count;
  const steady = responses.filter((r) => r.atMs > window.fromMs && r.atMs <= window.toMs);
  return {
    completed: result.requests.total,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    unanswered: Math.max(0, result.requests.sent - result.requests.total),
    items: responses.reduce((total, r) => total + r.items, 0),
    steadyS: (window.toMs - window.fromMs) / 1000,
    steadyResponses: steady.length,
    steadyItems: steady.reduce((total, r) => total + r.items, 0),
    statusCodes,
    ...measured,
  };
}

export function sumTallies(tallies: readonly RunTally[]): RunTally {
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
    steadyS: sum((t) => t.steadyS),
    steadyResponses: sum((t) => t.steadyResponses),
    steadyItems: sum((t) => t.steadyItems),
    statusCodes,
    latenciesMs: tallies.flatMap((t) => t.latenciesMs),
    firstResponseMsMax: Math.max(0, ...tallies.map((t) => t.firstResponseMsMax)),
  };
}

/** Responses per second in the steady window. */
export function rateOf(tally: RunTally): number {
  return tally.steadyS > 0 ? tally.steadyResponses / tally.steadyS : 0;
}

/** Charges settled per second in the steady window. */
export function itemRateOf(tally: RunTally): number {
  return tally.steadyS > 0 ? tally.steadyItems / tally.steadyS : 0;
}

/** The value at percentile `p` (0..100) by nearest rank; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}
