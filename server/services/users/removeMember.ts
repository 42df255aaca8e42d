/** An operator removes a user from an account. */
import { and, eq } from 'drizzle-orm';
import { memberships } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { requireRole } from '../access.ts';

/**
 * Takes a person out of an account. Their access to it ends at their very next request, in
 * every process: sessions and memberships are read per request, never cached. Removing
 * someone who is not a member changes nothing (`removed: false`).
 */
export async function removeMember(
  ctx: ServiceContext,
  input: { accountId: string; userId: string },
): Promise<{ ok: true; removed: boolean }> {
  requireRole(ctx.actor, ['operator']);
  const removed = await ctx.database.db
    .delete(memberships)
    .where(and(eq(memberships.accountId, input.accountId), eq(memberships.userId, input.userId)))
    .returning({ userId: memberships.userId });
  return { ok: true, removed: removed.length > 0 };
}
