/**
 * Pay-as-you-go charges and the parts that paid them. A charge's id is the metering
 * service's idempotency key. The parts of a charge add up to it exactly (audited), and the
 * split into instruments / overdue / cloud account adds up too (CHECK).
 */
import { sql } from 'drizzle-orm';
import {
  CHARGE_CATEGORIES,
  CLOUD_PROVIDERS,
  SETTLEMENT_METHODS,
} from '../../common/settlement/order.ts';
import { PART_SOURCES } from '../../common/values.ts';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { accounts, workspaces } from './accounts.ts';

export const charges = sqliteTable(
  'charges',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    category: text('category', { enum: CHARGE_CATEGORIES }).notNull(),
    amountFen: integer('amount_fen').notNull(),
    periodStartMs: integer('period_start_ms').notNull(),
    periodEndMs: integer('period_end_ms').notNull(),
    description: text('description').notNull(),
    settlementMethod: text('settlement_method', {
      enum: SETTLEMENT_METHODS,
    }).notNull(),
    cloudProvider: text('cloud_provider', { enum: CLOUD_PROVIDERS }),
    cloudAccountId: text('cloud_account_id'),
    paidFen: integer('paid_fen').notNull(),
    overdueFen: integer('overdue_fen').notNull(),
    cloudFen: integer('cloud_fen').notNull(),
    settledAtMs: integer('settled_at_ms').notNull(),
  },
  (t) => [
    index('charges_account_settled').on(t.accountId, t.settledAtMs, t.id),
    index('charges_workspace_settled').on(t.workspaceId, t.settledAtMs, t.id),
    // Every account's charges newest first (the operator's list, no account named): without
    // it the first page sorted the whole table (1.5 s at a million charges). New charges land
    // at its right edge, so it costs the settle path little.
    index('charges_settled').on(t.settledAtMs, t.id),
    // Spend by billing period (charges.spend, accounts.runway) reads an account's charges by
    // period start; the index carries what those aggregates sum and group by, so they read
    // the index alone, never the table (docs/BENCHMARKS.md, "Runway").
    index('charges_account_period_spend').on(
      t.accountId,
      t.periodStartMs,
      t.workspaceId,
      t.category,
      t.amountFen,
    ),
    check('charges_amount_positive', sql`${t.amountFen} > 0`),
    check(
      'charges_split',
      sql`${t.paidFen} >= 0 AND ${t.overdueFen} >= 0 AND ${t.cloudFen} >= 0 AND
          ${t.paidFen} + ${t.overdueFen} + ${t.cloudFen} = ${t.amountFen}`,
    ),
  ],
);

export const chargeParts = sqliteTable(
  'charge_parts',
  {
    chargeId: text('charge_id')
      .notNull()
      .references(() => charges.id),
    position: integer('position').notNull(),
    source: text('source', { enum: PART_SOURCES }).notNull(),
    instrumentId: text('instrument_id'),
    instrumentNumber: text('instrument_number'),
    amountFen: integer('amount_fen').notNull(),
    balanceFenAfter: integer('balance_fen_after'),
  },
  (t) => [
    primaryKey({ columns: [t.chargeId, t.position] }),
    index('charge_parts_instrument').on(t.instrumentId),
    check('charge_parts_amount_positive', sql`${t.amountFen} > 0`),
  ],
);
