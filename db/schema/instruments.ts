/**
 * Vouchers and prepaid cards: the instruments that pay before cash. Balances lie between
 * zero and the denomination (database CHECKs); numbers are unique.
 */
import { sql } from 'drizzle-orm';
import {
  CARD_SOURCES,
  CARD_STATUSES,
  INSTRUMENT_STATUSES,
  VOUCHER_SOURCES,
  VOUCHER_TYPES,
} from '../../common/wallet/instruments.ts';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts.ts';

export const vouchers = sqliteTable(
  'vouchers',
  {
    id: text('id').primaryKey(),
    number: text('number').notNull(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    type: text('type', { enum: VOUCHER_TYPES }).notNull(),
    denominationFen: integer('denomination_fen').notNull(),
    balanceFen: integer('balance_fen').notNull(),
    status: text('status', { enum: INSTRUMENT_STATUSES }).notNull(),
    activatedAtMs: integer('activated_at_ms').notNull(),
    validFromMs: integer('valid_from_ms').notNull(),
    /** Exclusive. */
    expiresAtMs: integer('expires_at_ms').notNull(),
    /** How it came to be: issued by an operator, an activation code, a card-purchase tier. */
    source: text('source', {
      enum: VOUCHER_SOURCES,
    }).notNull(),
    sourceRef: text('source_ref').notNull(),
    /** What expiry or voiding took away; the matching ledger entries add up to minus this. */
    forfeitedFen: integer('forfeited_fen').notNull().default(0),
    createdAtMs: integer('created_at_ms').notNull(),
  },
  (t) => [
    uniqueIndex('vouchers_number').on(t.number),
    index('vouchers_account_status').on(t.accountId, t.status),
    check('vouchers_denomination_positive', sql`${t.denominationFen} > 0`),
    check(
      'vouchers_balance_range',
      sql`${t.balanceFen} >= 0 AND ${t.balanceFen} <= ${t.denominationFen}`,
    ),
    check('vouchers_validity', sql`${t.validFromMs} < ${t.expiresAtMs}`),
    check('vouchers_type', sql`${t.type} IN ('regular', 'discount')`),
    check('vouchers_status', sql`${t.status} IN ('active', 'used_up', 'expired', 'voided')`),
  ],
);

export const prepaidCards = sqliteTable(
  'prepaid_cards',
  {
    id: text('id').primaryKey(),
    number: text('number').notNull(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    denominationFen: integer('denomination_fen').notNull(),
    balanceFen: integer('balance_fen').notNull(),
    status: text('status', { enum: CARD_STATUSES }).notNull(),
    validFromMs: integer('valid_from_ms').notNull(),
    /** Exclusive. */
    expiresAtMs: integer('expires_at_ms').notNull(),
    purchasedAtMs: integer('purchased_at_ms').notNull(),
    source: text('source', { enum: CARD_SOURCES }).notNull(),
    /** The partner's API key id for distributed cards. */
    partnerId: text('partner_id'),
    sourceRef: text('source_ref').notNull(),
    /** What expiry took away; the matching ledger entries add up to minus this. */
    forfeitedFen: integer('forfeited_fen').notNull().default(0),
    createdAtMs: integer('created_at_ms').notNull(),
  },
  (t) => [
    uniqueIndex('prepaid_cards_number').on(t.number),
    index('prepaid_cards_account_status').on(t.accountId, t.status),
    check('prepaid_cards_denomination_positive', sql`${t.denominationFen} > 0`),
    check(
      'prepaid_cards_balance_range',
      sql`${t.balanceFen} >= 0 AND ${t.balanceFen} <= ${t.denominationFen}`,
    ),
    check('prepaid_cards_validity', sql`${t.validFromMs} < ${t.expiresAtMs}`),
    check('prepaid_cards_status', sql`${t.status} IN ('active', 'used_up', 'expired')`),
    check('prepaid_cards_partner', sql`(${t.source} = 'partner') = (${t.partnerId} IS NOT NULL)`),
  ],
);
