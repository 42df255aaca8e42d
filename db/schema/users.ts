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
import { USER_ROLES } from '../../common/values.ts';
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
    /** Set by an operator's password reset: until changed, only changing it is allowed. */
    mustChangePassword: integer('must_change_password', { mode: 'boolean' })
      .notNull()
      .default(false),
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
    role: text('role', { enum: USER_ROLES }).notNull(),
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
    /** The id shown to the user in their list of sessions; never the token or its hash. */
    publicId: text('public_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    createdAtMs: integer('created_at_ms').notNull(),
    expiresAtMs: integer('expires_at_ms').notNull(),
    revokedAtMs: integer('revoked_at_ms'),
    /** When the session was last used, to within a few minutes. */
    lastSeenAtMs: integer('last_seen_at_ms').notNull().default(0),
    /** The client address and user agent of the sign-in. */
    clientAddress: text('client_address').notNull().default(''),
    userAgent: text('user_agent').notNull().default(''),
  },
  (t) => [
    index('sessions_user').on(t.userId),
    uniqueIndex('sessions_public_id').on(t.publicId),
    index('sessions_expires').on(t.expiresAtMs),
  ],
);
