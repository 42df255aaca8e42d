/**
 * People who sign in to the web UI: users with PBKDF2 password hashes, their memberships of
 * billing accounts (admin or viewer), and sessions. A session cookie carries a random token;
 * only its SHA-256 is stored. Operators are users with `is_operator`.
 */
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts.ts';

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    /** Lower case. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordSaltHex: text('password_salt_hex').notNull(),
    passwordHashHex: text('password_hash_hex').notNull(),
    passwordIterations: integer('password_iterations').notNull(),
    isOperator: integer('is_operator', { mode: 'boolean' }).notNull().default(false),
    createdAtMs: integer('created_at_ms').notNull(),
  },
  (t) => [uniqueIndex('users_email').on(t.email)],
);

export const memberships = sqliteTable(
  'memberships',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    role: text('role', { enum: ['admin', 'viewer'] }).notNull(),
    createdAtMs: integer('created_at_ms').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.accountId] }),
    index('memberships_account').on(t.accountId),
    check('memberships_role', sql`${t.role} IN ('admin', 'viewer')`),
  ],
);

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the cookie's token. */
    idHashHex: text('id_hash_hex').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    createdAtMs: integer('created_at_ms').notNull(),
    expiresAtMs: integer('expires_at_ms').notNull(),
    revokedAtMs: integer('revoked_at_ms'),
  },
  (t) => [index('sessions_user').on(t.userId)],
);
