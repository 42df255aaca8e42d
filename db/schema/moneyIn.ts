/**
 * Money in and what it buys: Alipay top-up orders, activation codes for vouchers, card
 * purchase orders, prepaid orders raised by the platform, invoices; plus throttling counters
 * and process-independent settings. Balances never live here: they stay on accounts and
 * instruments, changed only by the writer.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { INVOICE_STATUSES, INVOICE_TYPES } from '../../common/invoices.ts';
import {
  CODE_STATUSES,
  PAYMENT_CHANNELS,
  PREPAID_ORDER_STATUSES,
  TOP_UP_STATUSES,
  VALIDITY_KINDS,
} from '../../common/values.ts';
import { accounts } from './accounts.ts';

/** Process-independent settings: the sandbox key pairs, the activation-code secret. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const topUpOrders = sqliteTable(
  'top_up_orders',
  {
    /** Our out_trade_no. */
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    amountFen: integer('amount_fen').notNull(),
    status: text('status', { enum: TOP_UP_STATUSES }).notNull(),
    channel: text('channel', { enum: PAYMENT_CHANNELS }).notNull(),
    createdAtMs: integer('created_at_ms').notNull(),
    expiresAtMs: integer('expires_at_ms').notNull(),
    paidAtMs: integer('paid_at_ms'),
    closedAtMs: integer('closed_at_ms'),
    /** Alipay's trade_no from the notify. */
    tradeNo: text('trade_no'),
  },
  (t) => [
    index('top_up_orders_account').on(t.accountId, t.createdAtMs),
    index('top_up_orders_pending').on(t.status, t.expiresAtMs),
    check('top_up_orders_amount_positive', sql`${t.amountFen} > 0`),
  ],
);

export const activationBatches = sqliteTable(
  'activation_batches',
  {
    id: text('id').primaryKey(),
    requestId: text('request_id').notNull(),
    denominationFen: integer('denomination_fen').notNull(),
    quantity: integer('quantity').notNull(),
    /** Codes cannot be activated from this instant on. */
    codeDeadlineMs: integer('code_deadline_ms').notNull(),
    validityKind: text('validity_kind', { enum: VALIDITY_KINDS }).notNull(),
    validityDays: integer('validity_days'),
    validFromMs: integer('valid_from_ms'),
    expiresAtMs: integer('expires_at_ms'),
    note: text('note').notNull(),
    createdBy: text('created_by').notNull(),
    createdAtMs: integer('created_at_ms').notNull(),
  },
  (t) => [
    uniqueIndex('activation_batches_request').on(t.requestId),
    check('activation_batches_denomination_positive', sql`${t.denominationFen} > 0`),
  ],
);

export const activationCodes = sqliteTable(
  'activation_codes',
  {
    id: text('id').primaryKey(),
    batchId: text('batch_id')
      .notNull()
      .references(() => activationBatches.id),
    /** HMAC-SHA256 of the normalized code under the deployment's code secret. */
    codeHash: text('code_hash').notNull(),
    /** The last four characters, so people can tell codes apart without the code. */
    hint: text('hint').notNull(),
    status: text('status', { enum: CODE_STATUSES }).notNull(),
    accountId: text('account_id'),
    voucherId: text('voucher_id'),
    redeemedAtMs: integer('redeemed_at_ms'),
    voidedAtMs: integer('voided_at_ms'),
  },
  (t) => [
    uniqueIndex('activation_codes_hash').on(t.codeHash),
    index('activation_codes_batch').on(t.batchId),
  ],
);

/**
 * Throttling state shared by every server instance (server/services/throttle.ts): fixed-window
 * counters of failed attempts with an optional growing delay, and markers of (email, address)
 * pairs that signed in successfully. Every row is disposable once `expiresAtMs` is past; the
 * pruning job deletes it then.
 */
export const rateLimits = sqliteTable(
  'rate_limits',
  {
    key: text('key').primaryKey(),
    windowStartMs: integer('window_start_ms').notNull(),
    count: integer('count').notNull(),
    /** No attempt under this key is evaluated before this time (the growing delay). */
    notBeforeMs: integer('not_before_ms').notNull().default(0),
    expiresAtMs: integer('expires_at_ms').notNull().default(0),
    /** The attempt being admitted, set and cleared within one batch. */
    claim: text('claim'),
  },
  (t) => [index('rate_limits_expires').on(t.expiresAtMs)],
);

export const cardOrders = sqliteTable(
  'card_orders',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    denominationFen: integer('denomination_fen').notNull(),
    quantity: integer('quantity').notNull(),
    totalFen: integer('total_fen').notNull(),
    tierVoucherId: text('tier_voucher_id'),
    createdAtMs: integer('created_at_ms').notNull(),
  },
  (t) => [
    index('card_orders_account').on(t.accountId, t.createdAtMs),
    check('card_orders_total', sql`${t.totalFen} = ${t.denominationFen} * ${t.quantity}`),
  ],
);

export const prepaidOrders = sqliteTable(
  'prepaid_orders',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    requestId: text('request_id').notNull(),
    product: text('product').notNull(),
    amountFen: integer('amount_fen').notNull(),
    status: text('status', { enum: PREPAID_ORDER_STATUSES }).notNull(),
    cardsPaidFen: integer('cards_paid_fen').notNull().default(0),
    cashPaidFen: integer('cash_paid_fen').notNull().default(0),
    refundedFen: integer('refunded_fen').notNull().default(0),
    createdAtMs: integer('created_at_ms').notNull(),
    paidAtMs: integer('paid_at_ms'),
    refundedAtMs: integer('refunded_at_ms'),
  },
  (t) => [
    uniqueIndex('prepaid_orders_request').on(t.requestId),
    index('prepaid_orders_account').on(t.accountId, t.createdAtMs),
    check('prepaid_orders_amount_positive', sql`${t.amountFen} > 0`),
    check(
      'prepaid_orders_paid',
      sql`${t.status} = 'open' OR ${t.cardsPaidFen} + ${t.cashPaidFen} = ${t.amountFen}`,
    ),
    check(
      'prepaid_orders_refund',
      sql`${t.refundedFen} >= 0 AND ${t.refundedFen} <= ${t.cashPaidFen}`,
    ),
  ],
);

export const invoices = sqliteTable(
  'invoices',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    requestId: text('request_id').notNull(),
    title: text('title').notNull(),
    taxId: text('tax_id').notNull(),
    amountFen: integer('amount_fen').notNull(),
    email: text('email').notNull(),
    type: text('type', { enum: INVOICE_TYPES }).notNull(),
    status: text('status', { enum: INVOICE_STATUSES }).notNull(),
    invoiceNumber: text('invoice_number'),
    rejectReason: text('reject_reason'),
    requestedAtMs: integer('requested_at_ms').notNull(),
    /** When it was issued, rejected or cancelled. */
    decidedAtMs: integer('decided_at_ms'),
    /** The buyer's details a special VAT invoice prints (common/invoices.ts). */
    address: text('address'),
    phone: text('phone'),
    bankName: text('bank_name'),
    bankAccount: text('bank_account'),
  },
  (t) => [
    uniqueIndex('invoices_request').on(t.accountId, t.requestId),
    uniqueIndex('invoices_number').on(t.invoiceNumber),
    index('invoices_account').on(t.accountId, t.requestedAtMs),
    index('invoices_status').on(t.status, t.requestedAtMs),
    check('invoices_amount_positive', sql`${t.amountFen} > 0`),
  ],
);
