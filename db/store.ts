/**
 * The commit engine's store: where the writer loads the accounts a write group touches and
 * commits what the group changed, whatever runs the database.
 *
 * The writer hands over its changes as data (a ChangeSet), never as SQL, so each store can
 * write them the fastest way its driver allows: prepared statements on the embedded file
 * (store/native.ts), multi-row statements in one Drizzle batch over HTTP and on D1
 * (store/drizzle.ts). Every store keeps the same contract:
 *
 * - `commit` is atomic: all of the change set or nothing;
 * - it changes each account with the version the writer read plus one, so the version
 *   trigger (migrations/0001_guards.sql) aborts it whole when another writer got there first
 *   ("stale_account_version");
 * - an idempotency record whose key exists already aborts it whole
 *   ("UNIQUE constraint failed: operations.key");
 * - commits of one chain are applied in the order they were sent, and when one fails, those
 *   of the same chain and epoch sent after it fail too, untouched ("pipeline_stale").
 */
import type { InstrumentChange } from '../common/wallet/account.ts';
import type { Held } from '../common/wallet/instruments.ts';
import type {
  accounts,
  bankTransfers,
  cardOrders,
  chargeParts,
  charges,
  events,
  notifications,
  invoices,
  ledgerEntries,
  operations,
  prepaidCards,
  vouchers,
  workspaces,
} from './schema/index.ts';

export type AccountRow = typeof accounts.$inferSelect;
export type WorkspaceRow = typeof workspaces.$inferSelect;
export type VoucherRow = typeof vouchers.$inferSelect;
export type CardRow = typeof prepaidCards.$inferSelect;
export type OperationRow = typeof operations.$inferSelect;
export type { Held, InstrumentChange };

export interface LoadRequest {
  readonly accountIds: readonly string[];
  readonly workspaceIds: readonly string[];
  /** Idempotency and claim keys; empty when the writer trusts the primary key to catch them. */
  readonly operationKeys: readonly string[];
}

/** The rows a group plans against: accounts with their active instruments of every table. */
export interface LoadedRows {
  readonly accounts: readonly AccountRow[];
  readonly instruments: readonly Held[];
  readonly workspaces: readonly WorkspaceRow[];
  readonly operations: readonly OperationRow[];
}

/** An account's balances after the group, and the version it commits with (read + 1). */
export interface AccountChange {
  readonly id: string;
  readonly cashFen: number;
  readonly overdueFen: number;
  readonly overdueSinceMs: number | null;
  readonly invoiceableFen: number;
  readonly invoiceReservedFen: number;
  /** The head of the account's ledger hash chain after the group (common/ledgerChain.ts). */
  readonly ledgerSeq: number;
  readonly ledgerHeadHash: string | null;
  /** Alert rules and crossing state (JSON), covered by the version like the balances. */
  readonly alertRules: string;
  readonly alertState: string;
  readonly version: number;
}

export interface WorkspaceChange {
  readonly id: string;
  readonly settlementMethod: WorkspaceRow['settlementMethod'];
  readonly cloudProvider: WorkspaceRow['cloudProvider'];
  readonly cloudAccountId: string | null;
  readonly methodChangedAtMs: number | null;
}

/** Tables a group appends rows to. */
export type InsertTable =
  | typeof cardOrders
  | typeof invoices
  | typeof ledgerEntries
  | typeof charges
  | typeof chargeParts
  | typeof vouchers
  | typeof prepaidCards
  | typeof bankTransfers
  | typeof operations
  | typeof events
  | typeof notifications;

/** Everything one write group changes, committed as one atomic unit. */
export interface ChangeSet {
  readonly accounts: readonly AccountChange[];
  /** Instruments of any table whose balance, status or forfeit changed. */
  readonly instruments: readonly InstrumentChange[];
  readonly workspaces: readonly WorkspaceChange[];
  /** New rows per table, with Drizzle's column keys; idempotency records among them. */
  readonly inserts: ReadonlyMap<InsertTable, readonly Record<string, unknown>[]>;
  /** Changes to other rows of the accounts the group touches, stated as data (RowUpdate). */
  readonly updates: readonly RowUpdate[];
}

/**
 * A change a command makes to a row that belongs to an account it touches — an order paid, an
 * invoice decided, a code claimed — as data; each store writes it its own way
 * (store/rowUpdates.ts says which table and columns). The account's version compare-and-set
 * makes these as safe as the balance changes they come with.
 */
export type RowUpdate =
  | {
      readonly kind: 'topUpPaid';
      readonly id: string;
      readonly paidAtMs: number;
      readonly tradeNo: string | null;
    }
  | {
      readonly kind: 'orderPaid';
      readonly id: string;
      readonly cardsPaidFen: number;
      readonly cashPaidFen: number;
      readonly paidAtMs: number;
    }
  | {
      readonly kind: 'orderRefunded';
      readonly id: string;
      readonly refundedFen: number;
      readonly refundedAtMs: number;
    }
  | {
      readonly kind: 'invoiceDecided';
      readonly id: string;
      readonly status: 'issued' | 'rejected' | 'cancelled';
      readonly invoiceNumber: string | null;
      readonly rejectReason: string | null;
      readonly decidedAtMs: number;
    }
  | {
      readonly kind: 'codeRedeemed';
      readonly id: string;
      readonly accountId: string;
      readonly voucherId: string;
      readonly redeemedAtMs: number;
    }
  | {
      /** A webhook endpoint turned off after its deliveries kept failing (server/webhooks). */
      readonly kind: 'endpointDisabled';
      readonly id: string;
      readonly disabledReason: string;
    };

/**
 * The commits of one writer that may be in flight together. Each was planned on the state the
 * ones sent before it leave, so it must not be applied when one of those failed: a writer
 * planned it on balances that never came to be. The writer moves to a new epoch once it has
 * heard of a failure and planned again on what it reads afresh.
 */
export interface Chain {
  readonly id: number;
  readonly epoch: number;
}

export interface CommitStore {
  load(request: LoadRequest): Promise<LoadedRows>;
  /** Commits the whole change set or nothing; see the contract above. */
  commit(changes: ChangeSet, chain: Chain): Promise<void>;
  close(): void;
}

/** The message of a commit refused because one before it in its chain failed. */
export const PIPELINE_STALE = 'pipeline_stale';

export function isEmpty(changes: ChangeSet): boolean {
  return (
    changes.accounts.length === 0 &&
    changes.instruments.length === 0 &&
    changes.workspaces.length === 0 &&
    changes.inserts.size === 0 &&
    changes.updates.length === 0
  );
}
