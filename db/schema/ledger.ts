/**
 * The ledger: one immutable entry per movement of money. Triggers refuse UPDATE and DELETE.
 * For every instrument (cash, overdue, each voucher and card) the sum of its entries equals
 * its balance; the audit checks it.
 *
 * Sign convention: wallet instruments (cash, vouchers, cards) go down with negative entries.
 * `overdue` is a debt: a charge that goes overdue adds a positive entry, paying it off adds a
 * negative one. `cloud_account` entries record what was billed to a cloud marketplace
 * account (positive; no balance).
 */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { LEDGER_INSTRUMENTS, LEDGER_REASONS } from '../../common/schemas.ts';
import { LEDGER_REF_TYPES } from '../../common/words.ts';
import { accounts } from './accounts.ts';

export const ledgerEntries = sqliteTable(
  'ledger_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    workspaceId: text('workspace_id'),
    instrument: text('instrument', {
      enum: LEDGER_INSTRUMENTS,
    }).notNull(),
    /** Voucher or card id; the cloud account as `provider:id`; null for cash and overdue. */
    instrumentId: text('instrument_id'),
    amountFen: integer('amount_fen').notNull(),
    balanceFenAfter: integer('balance_fen_after'),
    reason: text('reason', { enum: LEDGER_REASONS }).notNull(),
    refType: text('ref_type', { enum: LEDGER_REF_TYPES }).notNull(),
    refId: text('ref_id').notNull(),
    createdAtMs: integer('created_at_ms').notNull(),
    /**
     * The entry's place in its account's hash chain (common/ledgerChain.ts): 1, 2, 3, … per
     * account, the hash of the entry before (empty for the first) and its own hash. Null only
     * on history written before the chain existed, until it is chained once at start
     * (server/services/ledger/chainHistory.ts).
     */
    seq: integer('seq'),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    index('ledger_account_id').on(t.accountId, t.id),
    index('ledger_account_instrument').on(t.accountId, t.instrument, t.id),
    index('ledger_instrument_id').on(t.instrumentId),
    index('ledger_ref').on(t.refType, t.refId),
    index('ledger_account_workspace').on(t.accountId, t.workspaceId, t.id),
    uniqueIndex('ledger_account_seq').on(t.accountId, t.seq),
  ],
);
