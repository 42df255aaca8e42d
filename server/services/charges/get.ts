import { eq, inArray } from 'drizzle-orm';
import { DomainError } from '../../../common/errors.ts';
import { chargeParts, charges } from '../../../db/schema/index.ts';
import type { Db } from '../../../db/database.ts';
import type { ServiceContext } from '../../context.ts';
import { requireAccountRead } from '../access.ts';
import { chargeView, type ChargePartRow, type ChargeRow, type ChargeView } from './view.ts';

/** One charge with the parts that paid it. The metering service may read any charge. */
export async function getCharge(ctx: ServiceContext, chargeId: string): Promise<ChargeView> {
  const row = await ctx.database.db.query.charges.findFirst({ where: eq(charges.id, chargeId) });
  if (!row) throw chargeNotFound(chargeId);
  if (ctx.actor.role !== 'metering') requireAccountRead(ctx.actor, row.accountId);
  const [view] = await withParts(ctx.database.db, [row]);
  if (!view) throw chargeNotFound(chargeId);
  return view;
}

function chargeNotFound(chargeId: string): DomainError {
  return new DomainError('CHARGE_NOT_FOUND', `no charge ${chargeId}`, [], { chargeId });
}

/** Ids per query: under D1's 100 bound parameters. */
const IDS_PER_QUERY = 90;

export async function withParts(db: Db, rows: readonly ChargeRow[]): Promise<ChargeView[]> {
  const parts: ChargePartRow[] = [];
  for (let i = 0; i < rows.length; i += IDS_PER_QUERY) {
    const ids = rows.slice(i, i + IDS_PER_QUERY).map((row) => row.id);
    parts.push(...(await db.select().from(chargeParts).where(inArray(chargeParts.chargeId, ids))));
  }
  return rows.map((row) =>
    chargeView(
      row,
      parts.filter((part) => part.chargeId === row.id),
    ),
  );
}
