/**
 * The last 30 days of spend by billing period: the server sums the account's charges whose
 * period starts in the window (`charges.spend`, SQL over an index) by the Shanghai day the
 * period starts on, by category and by workspace; here the days without spend are filled in.
 * Bucketing by billing period, not by settlement time, keeps usage posted in bulk on the
 * days it was used. Sums are exact integer fen (common/money.ts); only the chart turns them
 * into numbers for pixels.
 */
import { amountToFen } from '../../../../../common/money.ts';
import { DAY_MS } from '../../../../../common/time.ts';
import { date } from '../../../lib/format.ts';
import { api } from '../../../lib/trpc.ts';

export const SPEND_DAYS = 30;

type SpendView = Awaited<ReturnType<typeof api.charges.spend.query>>;

export interface SpendSummary {
  readonly totalFen: number;
  readonly chargeCount: number;
  /** One entry per Shanghai day of the window, oldest first, days without spend included. */
  readonly byDay: readonly { readonly day: string; readonly fen: number }[];
  readonly byCategory: ReadonlyMap<string, number>;
  /** Workspace name → fen. */
  readonly byWorkspace: ReadonlyMap<string, number>;
}

/** The first instant of the window: the start of the Shanghai day 29 days before today. */
export function windowStartMs(nowMs: number): number {
  const today = Date.parse(`${date(nowMs)}T00:00:00+08:00`);
  return today - (SPEND_DAYS - 1) * DAY_MS;
}

export async function loadSpend(accountId: string, nowMs: number): Promise<SpendSummary> {
  const fromMs = windowStartMs(nowMs);
  const toMs = fromMs + SPEND_DAYS * DAY_MS;
  return summarizeSpend(await api.charges.spend.query({ accountId, fromMs, toMs }), nowMs);
}

export function summarizeSpend(spend: SpendView, nowMs: number): SpendSummary {
  const startMs = windowStartMs(nowMs);
  const days = new Map<string, number>();
  for (let i = 0; i < SPEND_DAYS; i++) days.set(date(startMs + i * DAY_MS), 0);
  for (const entry of spend.byDay) days.set(entry.day, amountToFen(entry.amount));
  return {
    totalFen: amountToFen(spend.total),
    chargeCount: spend.count,
    byDay: [...days].map(([day, fen]) => ({ day, fen })),
    byCategory: new Map(
      spend.byCategory.map((entry) => [entry.category, amountToFen(entry.amount)]),
    ),
    byWorkspace: new Map(spend.byWorkspace.map((entry) => [entry.name, amountToFen(entry.amount)])),
  };
}
