/**
 * An operator changes a member's role in one account (admin or viewer). Only an existing
 * membership changes: making someone a member is `users.invite`. Takes effect at the
 * member's next request (sessions are not cached).
 */
import { and, eq } from 'drizzle-orm';
import { DomainError } from '../../../common/errors.ts';
import { memberships } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { requireRole } from '../access.ts';

export async function setRole(
  ctx: ServiceContext,
  input: { accountId: string; userId: string; role: 'admin' | 'viewer' },
): Promise<{ accountId: string; userId: string; role: 'admin' | 'viewer' }> {
  requireRole(ctx.actor, ['operator']);
  const [changed] = await ctx.database.db
    .update(memberships)
    .set({ role: input.role })
    .where(and(eq(memberships.accountId, input.accountId), eq(memberships.userId, input.userId)))
    .returning({ role: memberships.role });
  if (!changed) {
    throw new DomainError(
      'MEMBERSHIP_NOT_FOUND',
      `user ${input.userId} is not a member of account ${input.accountId}`,
    );
  }
  return { accountId: input.accountId, userId: input.userId, role: changed.role };
}
