/**
 * Who may do what. Operators may touch every account; an account's admin may change its own
 * account, its viewer only read it; partners and the metering service act across accounts
 * only through the verbs their role allows (checked by the router's role list).
 *
 * "Not allowed" and "not found" stay apart without leaking: a member asking about an account
 * they do not belong to is refused (FORBIDDEN) whether it exists or not; an operator, who may
 * read every account, is told when an id names none (ACCOUNT_NOT_FOUND).
 */
import { eq } from 'drizzle-orm';
import { DomainError } from '../../common/errors.ts';
import { accounts } from '../../db/schema/index.ts';
import type { Actor, ActorRole } from '../auth/keys.ts';
import type { ServiceContext } from '../context.ts';

export function requireRole(actor: Actor, roles: readonly ActorRole[]): void {
  if (!roles.includes(actor.role)) {
    throw new DomainError('FORBIDDEN', `the ${actor.role} role may not do this`, [], {
      role: actor.role,
    });
  }
}

/** Reading an account: its own members (admins and viewers), or operators. */
export function requireAccountRead(actor: Actor, accountId: string): void {
  if (actor.role === 'operator') return;
  if (Object.hasOwn(actor.accountRoles, accountId)) return;
  throw new DomainError('FORBIDDEN', 'you may not read that account');
}

/** Changing an account: its admins, or operators. */
export function requireAccountWrite(actor: Actor, accountId: string): void {
  if (actor.role === 'operator') return;
  if (actor.accountRoles[accountId] === 'admin') return;
  throw new DomainError('FORBIDDEN', 'you may not change that account');
}

/**
 * Reading an account that must exist: `requireAccountRead`, then, for an operator, the
 * account itself (a member's own account always exists). A list of a missing account is
 * then "not found" instead of empty.
 */
export async function requireReadableAccount(
  ctx: ServiceContext,
  accountId: string,
): Promise<void> {
  requireAccountRead(ctx.actor, accountId);
  if (ctx.actor.role !== 'operator') return;
  const row = await ctx.database.db.query.accounts.findFirst({
    where: eq(accounts.id, accountId),
    columns: { id: true },
  });
  if (!row) throw accountNotFound(accountId);
}

export function accountNotFound(accountId: string): DomainError {
  return new DomainError('ACCOUNT_NOT_FOUND', `no account ${accountId}`, [], { accountId });
}

/** The one account a member acts for when a request names none. */
export function soleAccount(actor: Actor): string | null {
  const ids = Object.keys(actor.accountRoles);
  return ids.length === 1 ? (ids[0] ?? null) : null;
}
