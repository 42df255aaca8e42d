/**
 * How many days an account's usable money lasts, for the `runway_below` alert: usable cash
 * plus usable vouchers and cards, over the average daily amount its charges took from them in
 * the last 7 days (cloud-billed parts and new overdue excluded: they are not the wallet's
 * money). Null when nothing was spent. This is the seam the runway of issue 11 item 1
 * (`accounts.runway`) plugs into: replace the body with its account figure.
 */
import { and, eq, gte, sql } from 'drizzle-orm';
import { isUsable, type InstrumentSnapshot } from '../../common/settlement/plan.ts';
import { DAY_MS } from '../../common/time.ts';
import { accounts, charges, prepaidCards, vouchers } from '../../db/schema/index.ts';
import type { WalletDeps } from '../context.ts';

const WINDOW_DAYS = 7;

export async function accountRunwayDays(
  deps: WalletDeps,
  accountId: string,
  nowMs: number,
): Promise<number | null> {
  const db = deps.database.db;
  const [spent] = await db
    .select({ paidFen: sql<number>`coalesce(sum(${charges.paidFen}), 0)` })
    .from(charges)
    .where(
      and(eq(charges.accountId, accountId), gte(charges.settledAtMs, nowMs - WINDOW_DAYS * DAY_MS)),
    );
  const dailyFen = (spent?.paidFen ?? 0) / WINDOW_DAYS;
  if (dailyFen <= 0) return null;
  const usable = await usableFen(deps, accountId, nowMs);
  return Math.floor(usable / dailyFen);
}

async function usableFen(deps: WalletDeps, accountId: string, nowMs: number): Promise<number> {
  const db = deps.database.db;
  const [account] = await db
    .select({ cashFen: accounts.cashFen })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  const voucherRows = await db
    .select()
    .from(vouchers)
    .where(and(eq(vouchers.accountId, accountId), eq(vouchers.status, 'active')));
  const cardRows = await db
    .select()
    .from(prepaidCards)
    .where(and(eq(prepaidCards.accountId, accountId), eq(prepaidCards.status, 'active')));
  const snapshots: Pick<
    InstrumentSnapshot,
    'status' | 'balanceFen' | 'validFromMs' | 'expiresAtMs'
  >[] = [...voucherRows, ...cardRows];
  return snapshots.reduce(
    (total, row) => total + (isUsable(row as InstrumentSnapshot, nowMs) ? row.balanceFen : 0),
    account?.cashFen ?? 0,
  );
}
