/**
 * Who is signed in: the user and their memberships, loaded once and refreshed after sign-in
 * and sign-out.
 */
import { createResource } from 'solid-js';
import { api } from './trpc.ts';

const [user, { refetch, mutate }] = createResource(() => api.auth.me.query());

export { user };

export async function signIn(email: string, password: string) {
  const signedIn = await api.auth.signIn.mutate({ email, password });
  mutate(signedIn);
  return signedIn;
}

export async function signOut(): Promise<void> {
  await api.auth.signOut.mutate();
  mutate(null);
  await refetch();
}

/** The role the signed-in user has in an account: operators may do everything. */
export function roleIn(accountId: string): 'admin' | 'viewer' | 'operator' | null {
  const current = user();
  if (!current) return null;
  if (current.isOperator) return 'operator';
  return current.memberships.find((m) => m.accountId === accountId)?.role ?? null;
}

/** Whether the signed-in user may change the account (admins and operators). */
export function canWrite(accountId: string): boolean {
  const role = roleIn(accountId);
  return role === 'admin' || role === 'operator';
}

/** Reads the signed-in user again: after a password change, or once this session has ended. */
export async function refreshUser(): Promise<void> {
  await refetch();
}
