/** Users and the accounts they belong to, for operators. */
import { asc, eq } from 'drizzle-orm';
import { memberships, users } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { requireRole } from '../access.ts';

export interface UserListItem {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  readonly isOperator: boolean;
  /** Their temporary password (from an invitation or a reset) is not yet changed. */
  readonly mustChangePassword: boolean;
  readonly role: 'admin' | 'viewer' | null;
}

/** Users of one account (with their role), or every user when no account is named. */
export async function listUsers(
  ctx: ServiceContext,
  input: { accountId?: string | undefined },
): Promise<UserListItem[]> {
  requireRole(ctx.actor, ['operator']);
  const db = ctx.database.db;
  if (input.accountId) {
    const rows = await db
      .select({ user: users, role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.accountId, input.accountId))
      .orderBy(asc(users.email));
    return rows.map(({ user, role }) => listItem(user, role));
  }
  const rows = await db.select().from(users).orderBy(asc(users.email)).limit(500);
  return rows.map((user) => listItem(user, null));
}

function listItem(user: typeof users.$inferSelect, role: 'admin' | 'viewer' | null): UserListItem {
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    isOperator: user.isOperator,
    mustChangePassword: user.mustChangePassword,
    role,
  };
}
