/**
 * Idempotency records and money-in events.
 *
 * Every write that moves money carries a key (a charge id, a bank serial number, a request
 * id). The first write stores the key, the request it answered and the result; the same key
 * with the same request returns that result and moves nothing, with a different request it
 * is a conflict. The primary key makes "exactly once" hold across processes.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts.ts';

export const operations = sqliteTable('operations', {
  key: text('key').primaryKey(),
  accountId: text('account_id').notNull(),
  request: text('request').notNull(),
  result: text('result').notNull(),
  createdAtMs: integer('created_at_ms').notNull(),
});

export const bankTransfers = sqliteTable(
  'bank_transfers',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    bankSerial: text('bank_serial').notNull(),
    reference: text('reference').notNull(),
    amountFen: integer('amount_fen').notNull(),
    overduePaidFen: integer('overdue_paid_fen').notNull(),
    cashCreditedFen: integer('cash_credited_fen').notNull(),
    recordedBy: text('recorded_by').notNull(),
    receivedAtMs: integer('received_at_ms').notNull(),
    createdAtMs: integer('created_at_ms').notNull(),
  },
  (t) => [
    uniqueIndex('bank_transfers_serial').on(t.bankSerial),
    index('bank_transfers_account').on(t.accountId),
    check(
      'bank_transfers_split',
      sql`${t.amountFen} > 0 AND ${t.overduePaidFen} >= 0 AND ${t.cashCreditedFen} >= 0 AND
          ${t.overduePaidFen} + ${t.cashCreditedFen} = ${t.amountFen}`,
    ),
  ],
);
