/**
 * Totals of the charges a filter selects — every one of them, not the pages loaded so far:
 * how many, their sum, and by how they were paid (vouchers, cards, cash, overdue, cloud
 * account). Two SQL aggregates over the same conditions as the list; the parts of each
 * charge add up to it (audited), so the ways of paying add up to the sum.
 */
import { and, count, eq, sql } from 'drizzle-orm';
import { addFen, fenToAmount } from '../../../common/money.ts';
import type { ChargeFilter } from '../../../common/schemas.ts';
import { chargeParts, charges } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { chargeConditions } from './list.ts';

export interface ChargeTotals {
  readonly count: number;
  readonly amount: string;
  /** Regular and discount vouchers. */
  readonly voucher: string;
  readonly card: string;
  readonly cash: string;
  readonly overdue: string;
  readonly cloud: string;
}

/** Which total each part source counts toward. */
export const TOTAL_OF_SOURCE = {
  regular_voucher: 'voucher',
  discount_voucher: 'voucher',
  prepaid_card: 'card',
  cash: 'cash',
  overdue: 'overdue',
  cloud_account: 'cloud',
} as const;

export async function chargeTotals(
  ctx: ServiceContext,
  filter: ChargeFilter,
): Promise<ChargeTotals> {
  const where = and(...(await chargeConditions(ctx, filter)));
  const db = ctx.database.db;
  const sumFen = (column: typeof charges.amountFen | typeof chargeParts.amountFen) =>
    sql<number>`coalesce(sum(${column}), 0)`.mapWith(Number);
  const [[all], bySource] = await Promise.all([
    db
      .select({ count: count(), fen: sumFen(charges.amountFen) })
      .from(charges)
      .where(where),
    db
      .select({ source: chargeParts.source, fen: sumFen(chargeParts.amountFen) })
      .from(chargeParts)
      .innerJoin(charges, eq(charges.id, chargeParts.chargeId))
      .where(where)
      .groupBy(chargeParts.source),
  ]);
  const fen = { voucher: 0, card: 0, cash: 0, overdue: 0, cloud: 0 };
  for (const row of bySource) {
    const total = TOTAL_OF_SOURCE[row.source];
    fen[total] = addFen(fen[total], row.fen);
  }
  return {
    count: all?.count ?? 0,
    amount: fenToAmount(all?.fen ?? 0),
    voucher: fenToAmount(fen.voucher),
    card: fenToAmount(fen.card),
    cash: fenToAmount(fen.cash),
    overdue: fenToAmount(fen.overdue),
    cloud: fenToAmount(fen.cloud),
  };
}
