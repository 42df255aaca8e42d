/** An operator invites a person to an account as admin or viewer (rules in users.ts). */
import { eq } from 'drizzle-orm';
import { accounts, memberships } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { accountNotFound, requireRole } from '../access.ts';
import { ensureUser, normalizeEmail } from './userRows.ts';

export interface InvitedUser {
  readonly userId: string;
  readonly email: string;
  readonly accountId: string | null;
  readonly role: 'admin' | 'viewer' | 'operator';
  /** Shown once, when the invitation created the user; null for an existing user. */
  readonly temporaryPassword: string | null;
}

export async function inviteUser(
  ctx: ServiceContext,
  input: { accountId: string; email: string; name: string; role: 'admin' | 'viewer' },
): Promise<InvitedUser> {
  requireRole(ctx.actor, ['operator']);
  const db = ctx.database.db;
  const account = await db.query.accounts.findFirst({ where: eq(accounts.id, input.accountId) });
  if (!account) throw accountNotFound(input.accountId);
  const { userId, password } = await ensureUser(ctx, input.email, input.name, false);
  await db
    .insert(memberships)
    .values({
      userId,
      accountId: input.accountId,
      role: input.role,
      createdAtMs: ctx.clock.nowMs(),
    })
    .onConflictDoUpdate({
      target: [memberships.userId, memberships.accountId],
      set: { role: input.role },
    });
  return {
    userId,
    email: normalizeEmail(input.email),
    accountId: input.accountId,
    role: input.role,
    temporaryPassword: password,
  };
}
