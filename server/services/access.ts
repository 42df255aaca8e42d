/**
 * Who may do what. Operators may touch every account; an account's admin may change its own
 * account, its viewer only read it; partners and the metering service act across accounts
 * only through the verbs their role allows (checked by the router's role list).
 */
import { DomainError } from '../../common/errors.ts';
import type { ApiKeyRole } from '../../db/schema/index.ts';
import type { Actor } from '../auth/keys.ts';

export function requireRole(actor: Actor, roles: readonly ApiKeyRole[]): void {
  if (!roles.includes(actor.role)) {
    throw new DomainError('FORBIDDEN', `the ${actor.role} role may not do this`);
  }
}

/** Reading an account: its own members, or operators. */
export function requireAccountRead(actor: Actor, accountId: string): void {
  if (actor.role === 'operator') return;
  if ((actor.role === 'admin' || actor.role === 'viewer') && actor.accountId === accountId) return;
  throw new DomainError('FORBIDDEN', 'this key may not read that account');
}

/** Changing an account: its admin, or operators. */
export function requireAccountWrite(actor: Actor, accountId: string): void {
  if (actor.role === 'operator') return;
  if (actor.role === 'admin' && actor.accountId === accountId) return;
  throw new DomainError('FORBIDDEN', 'this key may not change that account');
}
