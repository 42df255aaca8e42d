/**
 * The runway of an account and of each of its workspaces (common/runway.ts computes it). The
 * inputs are the wallet as it stands and one aggregate over the last 30 days of charges by
 * billing period, grouped by workspace and category, which the covering index on
 * (account, period start, workspace, category, amount) answers without reading the table.
 */
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { computeRunway, type Runway, type RunwaySpend } from '../../../common/runway.ts';
import { DAY_MS } from '../../../common/time.ts';
import type { Db } from '../../../db/database.ts';
import { charges } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { requireAccountRead } from '../access.ts';
import { loadWallet } from './wallet.ts';

export async function accountRunway(
  ctx: Pick<ServiceContext, 'actor' | 'clock' | 'database'>,
  accountId: string,
): Promise<Runway> {
  requireAccountRead(ctx.actor, accountId);
  return runwayOf(ctx.database.db, accountId, ctx.clock.nowMs());
}

/** The runway without an actor: for the `runway_below` alert (server/alerts/runway.ts). */
export async function runwayOf(db: Db, accountId: string, nowMs: number): Promise<Runway> {
  const [wallet, spend] = await Promise.all([
    loadWallet(db, accountId),
    recentSpend(db, accountId, nowMs),
  ]);
  return computeRunway({
    nowMs,
    cashFen: wallet.account.cashFen,
    instruments: wallet.instruments,
    workspaces: wallet.workspaces.map((workspace) => ({
      workspaceId: workspace.id,
      name: workspace.name,
      method: workspace.settlementMethod,
    })),
    spend,
  });
}

/** Spend by billing period in [now - 30 days, now) and its part in [now - 7 days, now). */
export async function recentSpend(
  db: Db,
  accountId: string,
  nowMs: number,
): Promise<RunwaySpend[]> {
  const from7Ms = nowMs - 7 * DAY_MS;
  return db
    .select({
      workspaceId: charges.workspaceId,
      category: charges.category,
      spent7Fen: sql<number>`coalesce(sum(case when ${charges.periodStartMs} >= ${from7Ms}
        then ${charges.amountFen} else 0 end), 0)`.mapWith(Number),
      spent30Fen: sql<number>`coalesce(sum(${charges.amountFen}), 0)`.mapWith(Number),
    })
    .from(charges)
    .where(
      and(
        eq(charges.accountId, accountId),
        gte(charges.periodStartMs, nowMs - 30 * DAY_MS),
        lt(charges.periodStartMs, nowMs),
      ),
    )
    .groupBy(charges.workspaceId, charges.category);
}
