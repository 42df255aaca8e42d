/**
 * An operator resets a person's password: a new temporary password, shown to the operator
 * this once; every session of the person ends at once; until they choose a new password, the
 * person may do nothing but change it (`mustChangePassword`). One batch, so no session
 * survives a reset half done.
 */
import { eq } from 'drizzle-orm';
import { DomainError } from '../../../common/errors.ts';
import { users } from '../../../db/schema/index.ts';
import { hashPassword, temporaryPassword } from '../../auth/passwords.ts';
import type { ServiceContext } from '../../context.ts';
import { requireRole } from '../access.ts';
import { endSessionsOf } from '../sessions/end.ts';

export interface ResetPassword {
  readonly userId: string;
  readonly email: string;
  /** Shown once; the person must replace it at their next sign-in. */
  readonly temporaryPassword: string;
  readonly endedSessions: number;
}

export async function resetPassword(
  ctx: ServiceContext,
  input: { userId: string },
): Promise<ResetPassword> {
  requireRole(ctx.actor, ['operator']);
  const db = ctx.database.db;
  const user = await db.query.users.findFirst({ where: eq(users.id, input.userId) });
  if (!user) throw new DomainError('USER_NOT_FOUND', `no user ${input.userId}`);
  const password = temporaryPassword();
  const hash = await hashPassword(password);
  const [, ended] = await db.batch([
    db
      .update(users)
      .set({
        passwordSaltHex: hash.saltHex,
        passwordHashHex: hash.hashHex,
        passwordIterations: hash.iterations,
        mustChangePassword: true,
      })
      .where(eq(users.id, user.id)),
    endSessionsOf(db, user.id, ctx.clock.nowMs()),
  ]);
  return {
    userId: user.id,
    email: user.email,
    temporaryPassword: password,
    endedSessions: ended.length,
  };
}
