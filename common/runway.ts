/**
 * Runway: how long the usable money lasts at the recent rate of spend. Pure: balances, spend
 * and `nowMs` are arguments.
 *
 * The model (docs/RULES.md, "Runway"):
 * - Spend comes in streams, one per (workspace, category), each at a constant daily rate
 *   (its spend over the window divided by the window's days). A stream settles by its
 *   workspace's current method, so it pays with exactly the kinds DEDUCTION_ORDER lets it
 *   use, in that order, and within a kind the instrument the planner would pick first.
 * - All streams draw at once; the simulation moves from event to event (an instrument
 *   emptied, an instrument expiring) and never runs past the horizon.
 * - A stream "runs out" when none of its kinds has money left. For a billing-center
 *   stream that is the account going overdue; for a cloud-account stream it is the moment
 *   its charges start falling to the cloud account. The account's runway is the earliest
 *   running out of a billing-center stream; a workspace's is the earliest of its streams.
 * - Only instruments usable at `nowMs` count (active, started, not expired, balance above
 *   zero), and each only until its expiry: money that expires unspent does not extend the
 *   runway.
 * - A stream spending nothing never runs out; `null` days means "no end in sight" (no spend
 *   that the wallet pays, or beyond the horizon).
 */
import Big from 'big.js';
import { fenToAmount, sumFen } from './money.ts';
import { deductionRule, type ChargeCategory, type SettlementMethod } from './settlement/order.ts';
import { compareForDeduction, isUsable, type InstrumentSnapshot } from './settlement/plan.ts';
import { DAY_MS } from './time.ts';

/** Beyond this the answer is "more than enough": no date is promised further out. */
export const RUNWAY_HORIZON_DAYS = 3650;
export const RUNWAY_WINDOWS_DAYS = [7, 30] as const;

export interface RunwayWorkspace {
  readonly workspaceId: string;
  readonly name: string;
  readonly method: SettlementMethod;
}

/** What one workspace spent on one category, by billing period, over the last 7 and 30 days. */
export interface RunwaySpend {
  readonly workspaceId: string;
  readonly category: ChargeCategory;
  readonly spent7Fen: number;
  readonly spent30Fen: number;
}

export interface RunwayInput {
  readonly nowMs: number;
  readonly cashFen: number;
  readonly instruments: readonly InstrumentSnapshot[];
  readonly workspaces: readonly RunwayWorkspace[];
  readonly spend: readonly RunwaySpend[];
}

/** How long the money lasts at one window's rate. */
export interface RunwayEnd {
  /** Whole days the money lasts (rounded down); null when it does not run out. */
  readonly days: number | null;
  readonly untilMs: number | null;
}

export interface RunwayStream {
  readonly workspaceId: string;
  readonly category: ChargeCategory;
  readonly method: SettlementMethod;
  readonly daily7: string;
  readonly daily30: string;
}

export interface RunwayFigures extends RunwayEnd {
  readonly daily7: string;
  readonly daily30: string;
  /** The same end at the 30-day rate. */
  readonly at30: RunwayEnd;
}

export interface AccountRunway extends RunwayFigures {
  /** Cash plus every usable voucher and card. */
  readonly usable: string;
  readonly parts: {
    readonly cash: string;
    readonly vouchers: string;
    readonly prepaidCards: string;
    readonly streams: readonly RunwayStream[];
  };
}

export interface WorkspaceRunway extends RunwayFigures {
  readonly workspaceId: string;
  readonly name: string;
  readonly method: SettlementMethod;
}

export interface Runway {
  readonly asOfMs: number;
  readonly account: AccountRunway;
  readonly workspaces: readonly WorkspaceRunway[];
}

export function computeRunway(input: RunwayInput): Runway {
  const usable = input.instruments
    .filter((instrument) => isUsable(instrument, input.nowMs))
    .sort(compareForDeduction);
  const streams = streamsOf(input);
  const at7 = simulate(input.nowMs, input.cashFen, usable, streams, 7);
  const at30 = simulate(input.nowMs, input.cashFen, usable, streams, 30);
  const walletStreams = streams.filter((stream) => stream.method === 'billing_center');
  return {
    asOfMs: input.nowMs,
    account: {
      usable: fenToAmount(sumFen([input.cashFen, sumBalances(usable)])),
      ...figures(input.nowMs, streams, walletStreams, at7, at30),
      parts: {
        cash: fenToAmount(input.cashFen),
        vouchers: fenToAmount(sumBalances(usable.filter((i) => i.kind !== 'prepaid_card'))),
        prepaidCards: fenToAmount(sumBalances(usable.filter((i) => i.kind === 'prepaid_card'))),
        streams: streams.map((stream) => ({
          workspaceId: stream.workspaceId,
          category: stream.category,
          method: stream.method,
          daily7: dailyAmount(stream.spent7Fen, 7),
          daily30: dailyAmount(stream.spent30Fen, 30),
        })),
      },
    },
    workspaces: input.workspaces.map((workspace) => {
      const own = streams.filter((stream) => stream.workspaceId === workspace.workspaceId);
      return { ...workspace, ...figures(input.nowMs, own, own, at7, at30) };
    }),
  };
}

interface Stream extends RunwaySpend {
  readonly method: SettlementMethod;
}

/** Spend of workspaces no longer listed cannot recur; it is left out. */
function streamsOf(input: RunwayInput): Stream[] {
  const methods = new Map(input.workspaces.map((w) => [w.workspaceId, w.method]));
  return input.spend.flatMap((spend) => {
    const method = methods.get(spend.workspaceId);
    return method === undefined ? [] : [{ ...spend, method }];
  });
}

/** Averages over all of `spending`; the end is the earliest running out among `ending`. */
function figures(
  nowMs: number,
  spending: readonly Stream[],
  ending: readonly Stream[],
  at7: ReadonlyMap<Stream, number>,
  at30: ReadonlyMap<Stream, number>,
): RunwayFigures {
  return {
    daily7: dailyAmount(
      sumOf(spending, (s) => s.spent7Fen),
      7,
    ),
    daily30: dailyAmount(
      sumOf(spending, (s) => s.spent30Fen),
      30,
    ),
    ...endOf(nowMs, ending, at7),
    at30: endOf(nowMs, ending, at30),
  };
}

function endOf(nowMs: number, ending: readonly Stream[], outAt: ReadonlyMap<Stream, number>) {
  const times = ending.flatMap((stream) => {
    const atMs = outAt.get(stream);
    return atMs === undefined ? [] : [atMs];
  });
  if (times.length === 0) return { days: null, untilMs: null };
  const untilMs = Math.min(...times);
  return { days: Math.floor((untilMs - nowMs) / DAY_MS), untilMs };
}

interface Pot {
  balance: Big;
  /** Infinity for cash, which does not expire. */
  readonly expiresAtMs: number;
  readonly kind: InstrumentSnapshot['kind'] | 'cash';
}

/**
 * When each stream spending at its `windowDays` rate runs out; streams that do not run out
 * within the horizon are absent. Event to event: at most one event per pot (emptied or
 * expired) plus the horizon, so the loop is bounded by the number of instruments.
 */
function simulate(
  nowMs: number,
  cashFen: number,
  usable: readonly InstrumentSnapshot[],
  streams: readonly Stream[],
  windowDays: 7 | 30,
): Map<Stream, number> {
  const pots: Pot[] = [
    ...usable.map((i) => ({
      balance: new Big(i.balanceFen),
      expiresAtMs: i.expiresAtMs,
      kind: i.kind,
    })),
    { balance: new Big(cashFen), expiresAtMs: Infinity, kind: 'cash' as const },
  ];
  const rates = new Map(
    streams.map((s) => [s, new Big(windowDays === 7 ? s.spent7Fen : s.spent30Fen).div(windowDays)]),
  );
  const horizonMs = nowMs + RUNWAY_HORIZON_DAYS * DAY_MS;
  const outAt = new Map<Stream, number>();
  let atMs = nowMs;
  // Each step empties or expires at least one pot, so pots + 1 steps always suffice; the
  // bound keeps a mistake from spinning instead of answering.
  for (let step = 0; step <= pots.length && atMs < horizonMs; step++) {
    const drains = new Map<Pot, Big>();
    for (const stream of streams) {
      const rate = rates.get(stream) ?? new Big(0);
      if (rate.eq(0) || outAt.has(stream)) continue;
      const pot = potFor(pots, stream, atMs);
      if (!pot) outAt.set(stream, atMs);
      else drains.set(pot, (drains.get(pot) ?? new Big(0)).plus(rate));
    }
    if (drains.size === 0) break;
    const emptyAtMs = new Map([...drains].map(([pot, rate]) => [pot, emptyMs(pot, rate, atMs)]));
    const nextMs = Math.max(
      atMs + 1,
      Math.min(
        horizonMs,
        ...emptyAtMs.values(),
        ...[...drains.keys()].map((pot) => pot.expiresAtMs),
      ),
    );
    const elapsedDays = new Big(nextMs - atMs).div(DAY_MS);
    for (const [pot, rate] of drains) {
      const left = pot.balance.minus(rate.times(elapsedDays));
      // A pot whose emptying is this event is empty, whatever the rounding to a millisecond.
      pot.balance = left.lt(0) || (emptyAtMs.get(pot) ?? Infinity) <= nextMs ? new Big(0) : left;
    }
    atMs = nextMs;
  }
  return outAt;
}

function potFor(pots: readonly Pot[], stream: Stream, atMs: number): Pot | undefined {
  for (const kind of deductionRule(stream.method, stream.category).payWith) {
    const pot = pots.find((p) => p.kind === kind && p.balance.gt(0) && atMs < p.expiresAtMs);
    if (pot) return pot;
  }
  return undefined;
}

/** When `pot` empties at `rate`, to the nearest millisecond. */
function emptyMs(pot: Pot, rate: Big, atMs: number): number {
  return atMs + Math.round(pot.balance.div(rate).times(DAY_MS).toNumber());
}

/** The daily average in yuan, rounded half up to the fen. */
function dailyAmount(spentFen: number, days: number): string {
  return new Big(spentFen).div(days).div(100).toFixed(2, Big.roundHalfUp);
}

function sumBalances(instruments: readonly InstrumentSnapshot[]): number {
  return sumFen(instruments.map((instrument) => instrument.balanceFen));
}

function sumOf<T>(items: readonly T[], fen: (item: T) => number): number {
  return sumFen(items.map(fen));
}
