/**
 * Marks notifications read: the ones named, or all of the account's. Any member may (reading
 * is per account, not per person). Notifications are not money: written directly.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { notifications } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { requireReadableAccount } from '../access.ts';

export async function markRead(
  ctx: ServiceContext,
  input: { accountId: string; ids?: readonly string[] | undefined },
): Promise<{ marked: number }> {
  await requireReadableAccount(ctx, input.accountId);
  const rows = await ctx.database.db
    .update(notifications)
    .set({ readAtMs: ctx.clock.nowMs() })
    .where(
      and(
        eq(notifications.accountId, input.accountId),
        isNull(notifications.readAtMs),
        input.ids ? inArray(notifications.id, [...input.ids]) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  return { marked: rows.length };
}
