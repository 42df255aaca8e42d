/**
 * Users of the web UI, managed by operators: inviting a person to an account (as admin or
 * viewer), adding operators, listing who belongs where. A new user gets a temporary password,
 * shown once to the operator who invited them, and must replace it at the first sign-in
 * (`mustChangePassword`): the operator has seen it, so it is not the person's secret yet.
 */
import { and, asc, eq } from 'drizzle-orm';
import { accounts, memberships, users } from '../../../db/schema/index.ts';
import { hashPassword, temporaryPassword } from '../../auth/passwords.ts';
import type { ServiceContext, WalletDeps } from '../../context.ts';
import { newId } from '../../ids.ts';
import { accountNotFound, requireRole } from '../access.ts';

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

/**
 * On first start, creates the first operator user: WALLET_OPERATOR_EMAIL with
 * WALLET_OPERATOR_PASSWORD, or a generated password returned so the caller can print it once.
 * Returns null when an operator user exists.
 */
export async function bootstrapOperatorUser(
  deps: WalletDeps,
): Promise<{ email: string; password: string } | null> {
  const db = deps.database.db;
  const existing = await db.query.users.findFirst({ where: eq(users.isOperator, true) });
  if (existing) return null;
  const email = normalizeEmail(deps.config.operatorEmail);
  const password = deps.config.operatorPassword ?? temporaryPassword();
  await insertUser(deps, { email, name: 'Operator', isOperator: true, password });
  return deps.config.operatorPassword ? null : { email, password };
}

async function ensureUser(
  ctx: ServiceContext,
  emailInput: string,
  name: string,
  isOperator: boolean,
): Promise<{ userId: string; password: string | null }> {
  const db = ctx.database.db;
  const email = normalizeEmail(emailInput);
  const existing = await db.query.users.findFirst({ where: eq(users.email, email) });
  if (existing) return { userId: existing.id, password: null };
  const password = temporaryPassword();
  const userId = await insertUser(ctx, {
    email,
    name,
    isOperator,
    password,
    mustChangePassword: true,
  });
  const row = await db.query.users.findFirst({ where: eq(users.email, email) });
  if (!row) throw new Error(`user ${email} could not be stored`);
  return { userId: row.id, password: row.id === userId ? password : null };
}

/** Stores a new user unless the email is taken (then nothing); returns the id it used. */
async function insertUser(
  deps: WalletDeps,
  user: {
    email: string;
    name: string;
    isOperator: boolean;
    password: string;
    mustChangePassword?: boolean;
  },
): Promise<string> {
  const hash = await hashPassword(user.password);
  const id = newId('usr');
  await deps.database.db
    .insert(users)
    .values({
      id,
      email: user.email,
      name: user.name,
      passwordSaltHex: hash.saltHex,
      passwordHashHex: hash.hashHex,
      passwordIterations: hash.iterations,
      isOperator: user.isOperator,
      mustChangePassword: user.mustChangePassword ?? false,
      createdAtMs: deps.clock.nowMs(),
    })
    .onConflictDoNothing();
  return id;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
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
