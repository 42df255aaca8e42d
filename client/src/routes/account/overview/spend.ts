/**
 * The last 30 days of spend: every charge the account was billed, read page by page from
 * `charges.list` (newest first) until the window is passed, then summed by Shanghai day, by
 * category and by workspace. Sums are exact integer fen (common/money.ts); only the chart
 * turns them into numbers for pixels.
 */
import { addFen, amountToFen } from '../../../../../common/money.ts';
import { DAY_MS } from '../../../../../common/time.ts';
import { date } from '../../../lib/format.ts';
import { api } from '../../../lib/trpc.ts';
import type { Charge } from '../shared.tsx';

export const SPEND_DAYS = 30;
const PAGE_SIZE = 200;
/** A guard against an endless walk: 50 pages of 200 charges is more than a month holds. */
const MAX_PAGES = 50;

export interface SpendSummary {
  readonly totalFen: number;
  readonly chargeCount: number;
  /** One entry per Shanghai day of the window, oldest first, days without spend included. */
  readonly byDay: readonly { readonly day: string; readonly fen: number }[];
  readonly byCategory: ReadonlyMap<string, number>;
  readonly byWorkspace: ReadonlyMap<string, number>;
  /** Whether the walk stopped at MAX_PAGES before the window's start. */
  readonly truncated: boolean;
}

/** The first instant of the window: the start of the Shanghai day 29 days before today. */
export function windowStartMs(nowMs: number): number {
  const today = Date.parse(`${date(nowMs)}T00:00:00+08:00`);
  return today - (SPEND_DAYS - 1) * DAY_MS;
}

export async function loadRecentCharges(
  accountId: string,
  sinceMs: number,
): Promise<{ charges: Charge[]; truncated: boolean }> {
  const charges: Charge[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await api.charges.list.query({ accountId, cursor, limit: PAGE_SIZE });
    const recent = result.items.filter((charge) => charge.settledAtMs >= sinceMs);
    charges.push(...recent);
    if (!result.nextCursor || recent.length < result.items.length) {
      return { charges, truncated: false };
    }
    cursor = result.nextCursor;
  }
  return { charges, truncated: true };
}

function add(map: Map<string, number>, key: string, fen: number): void {
  map.set(key, addFen(map.get(key) ?? 0, fen));
}

export function summarizeSpend(
  charges: readonly Charge[],
  nowMs: number,
  truncated = false,
): SpendSummary {
  const startMs = windowStartMs(nowMs);
  const days = new Map<string, number>();
  for (let i = 0; i < SPEND_DAYS; i++) days.set(date(startMs + i * DAY_MS), 0);
  const byCategory = new Map<string, number>();
  const byWorkspace = new Map<string, number>();
  let totalFen = 0;
  let chargeCount = 0;
  for (const charge of charges) {
    const day = date(charge.settledAtMs);
    if (charge.settledAtMs < startMs || !days.has(day)) continue;
    const fen = amountToFen(charge.amount);
    add(days, day, fen);
    add(byCategory, charge.category, fen);
    add(byWorkspace, charge.workspaceId, fen);
    totalFen = addFen(totalFen, fen);
    chargeCount++;
  }
  return {
    totalFen,
    chargeCount,
    byDay: [...days].map(([day, fen]) => ({ day, fen })),
    byCategory,
    byWorkspace,
    truncated,
  };
}
