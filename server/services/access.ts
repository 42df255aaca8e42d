/**
 * Who may do what. Operators may touch every account; an account's admin may change its own
 * account, its viewer only read it; partners and the metering service act across accounts
 * only through the verbs their role allows (checked by the router's role list).
 */
import { DomainError } from '../../common/errors.ts';
import type { Actor, ActorRole } from '../auth/keys.ts';

export function requireRole(actor: Actor, roles: readonly ActorRole[]): void {
  if (!roles.includes(actor.role)) {
    throw new DomainError('FORBIDDEN', `the ${actor.role} role may not do this`);
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

/** The one account a member acts for when a request names none. */
export function soleAccount(actor: Actor): string | null {
  const ids = Object.keys(actor.accountRoles);
  return ids.length === 1 ? (ids[0] ?? null) : null;
}
