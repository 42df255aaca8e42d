/** Storing users: one row per email, a temporary password for invited ones. */
import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema/index.ts';
import { hashPassword, temporaryPassword } from '../../auth/passwords.ts';
import type { ServiceContext, WalletDeps } from '../../context.ts';
import { newId } from '../../ids.ts';

export async function ensureUser(
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
export async function insertUser(
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
