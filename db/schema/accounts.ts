/**
 * Billing accounts and the workspaces bound to them.
 *
 * An account's cash and overdue live on its row together with `version`, which every
 * balance-changing write bumps by exactly one (a trigger refuses anything else). The version
 * is the compare-and-set that keeps plans made outside the write transaction honest.
 */
import { sql } from 'drizzle-orm';
import { CLOUD_PROVIDERS, SETTLEMENT_METHODS } from '../../common/settlement/order.ts';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const accounts = sqliteTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /** Quoted by the enterprise on offline bank transfers; unique per account. */
    remittanceRef: text('remittance_ref').notNull(),
    cashFen: integer('cash_fen').notNull().default(0),
    overdueFen: integer('overdue_fen').notNull().default(0),
    overdueSinceMs: integer('overdue_since_ms'),
    version: integer('version').notNull().default(0),
    /** Cash actually paid (cards, orders, charges, overdue paid off) less cash refunded. */
    invoiceableFen: integer('invoiceable_fen').notNull().default(0),
    /** Invoices requested or issued; never above what is invoiceable. */
    invoiceReservedFen: integer('invoice_reserved_fen').notNull().default(0),
    createdAtMs: integer('created_at_ms').notNull(),
    /**
     * The head of the account's ledger hash chain: how many entries it has and the last one's
     * hash (empty before the first). Changed only with the version compare-and-set. Null on
     * an account whose history predates the chain, until that history is chained once.
     */
    ledgerSeq: integer('ledger_seq').notNull().default(0),
    ledgerHeadHash: text('ledger_head_hash').default(''),
    /** Alert rules the admin set (JSON, server/alerts/state.ts); changed only by the writer. */
    alertRules: text('alert_rules').notNull().default('[]'),
    /** Which alerts have fired and not yet re-armed (JSON); changed in the crossing commit. */
    alertState: text('alert_state').notNull().default('{}'),
  },
  (t) => [
    uniqueIndex('accounts_remittance_ref').on(t.remittanceRef),
    index('accounts_name').on(t.name),
    check('accounts_cash_nonnegative', sql`${t.cashFen} >= 0`),
    check('accounts_overdue_nonnegative', sql`${t.overdueFen} >= 0`),
    check('accounts_cash_or_overdue', sql`${t.cashFen} = 0 OR ${t.overdueFen} = 0`),
    check(
      'accounts_invoice_reserved',
      sql`${t.invoiceReservedFen} >= 0 AND ${t.invoiceReservedFen} <= ${t.invoiceableFen}`,
    ),
    check('accounts_overdue_since', sql`(${t.overdueFen} = 0) = (${t.overdueSinceMs} IS NULL)`),
  ],
);

export const workspaces = sqliteTable(
  'workspaces',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    name: text('name').notNull(),
    settlementMethod: text('settlement_method', { enum: SETTLEMENT_METHODS })
      .notNull()
      .default('billing_center'),
    cloudProvider: text('cloud_provider', { enum: CLOUD_PROVIDERS }),
    cloudAccountId: text('cloud_account_id'),
    /** When an admin last changed the method; the fallback from a cloud account is not one. */
    methodChangedAtMs: integer('method_changed_at_ms'),
    createdAtMs: integer('created_at_ms').notNull(),
  },
  (t) => [
    index('workspaces_account').on(t.accountId),
    check(
      'workspaces_cloud_fields',
      sql`(${t.settlementMethod} = 'cloud_account') =
          (${t.cloudProvider} IS NOT NULL AND ${t.cloudAccountId} IS NOT NULL)`,
    ),
    check('workspaces_method', sql`${t.settlementMethod} IN ('billing_center', 'cloud_account')`),
  ],
);
