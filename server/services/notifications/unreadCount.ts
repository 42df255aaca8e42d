/** How many of an account's notifications are unread (the header's badge). */
import { and, count, eq, isNull } from 'drizzle-orm';
import { notifications } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { requireReadableAccount } from '../access.ts';

export async function unreadCount(
  ctx: ServiceContext,
  accountId: string,
): Promise<{ count: number }> {
  await requireReadableAccount(ctx, accountId);
  const [row] = await ctx.database.db
    .select({ count: count() })
    .from(notifications)
    .where(and(eq(notifications.accountId, accountId), isNull(notifications.readAtMs)));
  return { count: row?.count ?? 0 };
}
