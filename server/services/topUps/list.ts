/**
 * The account's online top-up orders, newest first, with their status (pending, paid,
 * closed): the admin sees what is still waiting for payment and what arrived. Pages by
 * keyset on (created time, order id); the cursor is `<createdAtMs>:<orderId>` of the last
 * order seen, opaque to callers.
 */
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import { DomainError } from '../../../common/errors.ts';
import { topUpOrders } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { requireAccountRead } from '../access.ts';
import { topUpView, type TopUpView } from './topUps.ts';

export interface TopUpPage {
  readonly items: readonly TopUpView[];
  readonly nextCursor: string | null;
}

export async function listTopUps(
  ctx: ServiceContext,
  input: { accountId: string; cursor?: string | undefined; limit?: number | undefined },
): Promise<TopUpPage> {
  requireAccountRead(ctx.actor, input.accountId);
  const limit = input.limit ?? 20;
  const rows = await ctx.database.db
    .select()
    .from(topUpOrders)
    .where(
      and(
        eq(topUpOrders.accountId, input.accountId),
        input.cursor ? afterCursor(input.cursor) : undefined,
      ),
    )
    .orderBy(desc(topUpOrders.createdAtMs), desc(topUpOrders.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(topUpView),
    nextCursor: rows.length > limit && last ? `${last.createdAtMs}:${last.id}` : null,
  };
}

function afterCursor(cursor: string): SQL | undefined {
  const match = /^(\d{1,16}):(T\d{1,32})$/.exec(cursor);
  if (!match) {
    throw new DomainError('VALIDATION', 'cursor: is not a cursor this API returned', [
      { path: 'cursor', message: 'is not a cursor this API returned' },
    ]);
  }
  const createdAtMs = Number(match[1]);
  const id = match[2] ?? '';
  return or(
    lt(topUpOrders.createdAtMs, createdAtMs),
    and(eq(topUpOrders.createdAtMs, createdAtMs), lt(topUpOrders.id, id)),
  );
}
