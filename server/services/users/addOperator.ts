/** An operator makes a user an operator, creating the user if needed. */
import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { requireRole } from '../access.ts';
import { type InvitedUser } from './invite.ts';
import { ensureUser, normalizeEmail } from './userRows.ts';

export async function addOperator(
  ctx: ServiceContext,
  input: { email: string; name: string },
): Promise<InvitedUser> {
  requireRole(ctx.actor, ['operator']);
  const { userId, password } = await ensureUser(ctx, input.email, input.name, true);
  await ctx.database.db.update(users).set({ isOperator: true }).where(eq(users.id, userId));
  return {
    userId,
    email: normalizeEmail(input.email),
    accountId: null,
    role: 'operator',
    temporaryPassword: password,
  };
}
