import { eq, inArray } from 'drizzle-orm';
import { DomainError } from '../../../common/errors.ts';
import { chargeParts, charges } from '../../../db/schema/index.ts';
import type { Db } from '../../../db/client.ts';
import type { ServiceContext } from '../../context.ts';
import { requireAccountRead } from '../access.ts';
import { chargeView, type ChargeRow, type ChargeView } from './view.ts';

/** One charge with the parts that paid it. The metering service may read any charge. */
export async function getCharge(ctx: ServiceContext, chargeId: string): Promise<ChargeView> {
  const row = await ctx.database.db.query.charges.findFirst({ where: eq(charges.id, chargeId) });
  if (!row) throw new DomainError('CHARGE_NOT_FOUND', `no charge ${chargeId}`);
  if (ctx.actor.role !== 'metering') requireAccountRead(ctx.actor, row.accountId);
  const [view] = await withParts(ctx.database.db, [row]);
  if (!view) throw new DomainError('CHARGE_NOT_FOUND', `no charge ${chargeId}`);
  return view;
}

export async function withParts(db: Db, rows: readonly ChargeRow[]): Promise<ChargeView[]> {
  if (rows.length === 0) return [];
  const parts = await db
    .select()
    .from(chargeParts)
    .where(inArray(chargeParts.chargeId, rows.map((row) => row.id)));
  return rows.map((row) => chargeView(row, parts.filter((part) => part.chargeId === row.id)));
}
