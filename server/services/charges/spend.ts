/**
 * Spend of one account by billing period: the charges whose period starts in a window,
 * summed by the Shanghai calendar day the period starts on, by category and by workspace.
 * By billing period, not by settlement time, so usage the metering service posts in bulk
 * lands on the days it was used rather than on the day it was posted. SQL aggregates over
 * the index on (account, period start); amounts leave as decimal strings.
 */
import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { fenToAmount, sumFen } from '../../../common/money.ts';
import type { ChargeCategory } from '../../../common/settlement/order.ts';
import { DAY_MS, SHANGHAI_OFFSET_MS } from '../../../common/time.ts';
import { charges, workspaces } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { requireAccountRead } from '../access.ts';

export interface SpendView {
  readonly count: number;
  readonly total: string;
  /** Days with spend only, oldest first: "2026-11-26" in Shanghai. */
  readonly byDay: readonly { readonly day: string; readonly amount: string }[];
  readonly byCategory: readonly { readonly category: ChargeCategory; readonly amount: string }[];
  readonly byWorkspace: readonly {
    readonly workspaceId: string;
    readonly name: string;
    readonly amount: string;
  }[];
}

export async function chargeSpend(
  ctx: ServiceContext,
  input: { accountId: string; fromMs: number; toMs?: number | undefined },
): Promise<SpendView> {
  requireAccountRead(ctx.actor, input.accountId);
  const where = and(
    eq(charges.accountId, input.accountId),
    gte(charges.periodStartMs, input.fromMs),
    input.toMs === undefined ? undefined : lt(charges.periodStartMs, input.toMs),
  );
  const db = ctx.database.db;
  const fen = sql<number>`coalesce(sum(${charges.amountFen}), 0)`.mapWith(Number);
  const dayNumber: SQL<number> =
    sql<number>`cast((${charges.periodStartMs} + ${SHANGHAI_OFFSET_MS}) / ${DAY_MS} as integer)`.mapWith(
      Number,
    );
  const [days, categories, spaces] = await Promise.all([
    db
      .select({ day: dayNumber, fen, count: sql<number>`count(*)`.mapWith(Number) })
      .from(charges)
      .where(where)
      .groupBy(dayNumber)
      .orderBy(dayNumber),
    db
      .select({ category: charges.category, fen })
      .from(charges)
      .where(where)
      .groupBy(charges.category),
    db
      .select({ workspaceId: charges.workspaceId, name: workspaces.name, fen })
      .from(charges)
      .innerJoin(workspaces, eq(workspaces.id, charges.workspaceId))
      .where(where)
      .groupBy(charges.workspaceId, workspaces.name),
  ]);
  return {
    count: days.reduce((sum, day) => sum + day.count, 0),
    total: fenToAmount(sumFen(days.map((day) => day.fen))),
    byDay: days.map((row) => ({ day: dayKey(row.day), amount: fenToAmount(row.fen) })),
    byCategory: categories.map((row) => ({ category: row.category, amount: fenToAmount(row.fen) })),
    byWorkspace: spaces.map(({ workspaceId, name, fen: spent }) => ({
      workspaceId,
      name,
      amount: fenToAmount(spent),
    })),
  };
}

/** "2026-11-26" of a day number counted in Shanghai days since the epoch. */
function dayKey(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}
