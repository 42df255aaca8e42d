/**
 * API keys. A key is shown once at creation as `aw_<id>_<secret>`; only a salted SHA-256 of
 * the secret is stored. Account-scoped roles (admin, viewer) carry their account.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts.ts';

import { API_KEY_ROLES } from '../../common/values.ts';

export { API_KEY_ROLES, type ApiKeyRole } from '../../common/values.ts';

export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    role: text('role', { enum: API_KEY_ROLES }).notNull(),
    accountId: text('account_id').references(() => accounts.id),
    label: text('label').notNull(),
    saltHex: text('salt_hex').notNull(),
    hashHex: text('hash_hex').notNull(),
    createdAtMs: integer('created_at_ms').notNull(),
    revokedAtMs: integer('revoked_at_ms'),
  },
  (t) => [
    index('api_keys_account').on(t.accountId),
    check(
      'api_keys_role',
      sql`${t.role} IN ('operator', 'partner', 'metering', 'admin', 'viewer')`,
    ),
    check('api_keys_scope', sql`(${t.role} IN ('admin', 'viewer')) = (${t.accountId} IS NOT NULL)`),
  ],
);
