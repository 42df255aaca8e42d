import { and, asc, eq } from 'drizzle-orm';
import { prepaidCards } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { requireReadableAccount } from '../access.ts';
import { cardView, type CardView } from './view.ts';

/** An account's prepaid cards, soonest to expire first (the order they pay in). */
export async function listCards(
  ctx: ServiceContext,
  input: { accountId: string; status?: string | undefined },
): Promise<CardView[]> {
  await requireReadableAccount(ctx, input.accountId);
  const status = input.status as CardView['status'] | undefined;
  const rows = await ctx.database.db
    .select()
    .from(prepaidCards)
    .where(
      and(
        eq(prepaidCards.accountId, input.accountId),
        status ? eq(prepaidCards.status, status) : undefined,
      ),
    )
    .orderBy(
      asc(prepaidCards.expiresAtMs),
      asc(prepaidCards.purchasedAtMs),
      asc(prepaidCards.number),
    );
  return rows.map(cardView);
}
