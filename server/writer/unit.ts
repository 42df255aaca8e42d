/**
 * A unit of work: the in-memory state of the accounts one write group touches, the commands'
 * changes to it, and the change set that commits them.
 *
 * Commands mutate the state in place (after validating, never half-way), so the second
 * charge of a group sees the balances the first one left. At the end the unit turns the
 * differences into data (`changes()`) that the store commits atomically: every touched
 * account with its version compare-and-set, changed instruments and workspaces, new rows.
 */
import { events, ledgerEntries, operations } from '../../db/schema/index.ts';
import type {
  AccountRow,
  ChangeSet,
  Held,
  InsertTable,
  OperationRow,
  RowUpdate,
  WorkspaceChange,
  WorkspaceRow,
} from '../../db/store.ts';
import { WalletAccount } from '../../common/wallet/account.ts';
import type { EventPayloads, EventType } from '../../common/events.ts';
import { AlertBook } from '../alerts/state.ts';
import { alertsOnEvent, settleAlerts } from '../alerts/evaluate.ts';
import { newId } from '../ids.ts';

export type {
  AccountRow,
  CardRow,
  OperationRow,
  VoucherRow,
  WorkspaceRow,
} from '../../db/store.ts';
export type LedgerInsert = typeof ledgerEntries.$inferInsert;

/**
 * One account as the group sees it: the wallet (common/wallet/account.ts, where its rules
 * live) and the row it was loaded from, whose version the commit compares and sets.
 */
export class AccountState extends WalletAccount {
  readonly original: AccountRow;
  /** The head of the ledger hash chain; null until history from before the chain is chained. */
  ledgerSeq: number;
  ledgerHeadHash: string | null;
  /** Alert rules and crossings; changed in the commit that crosses (server/alerts). */
  readonly alerts: AlertBook;

  constructor(row: AccountRow, held: readonly Held[]) {
    super(row, held);
    this.original = row;
    this.ledgerSeq = row.ledgerSeq;
    this.ledgerHeadHash = row.ledgerHeadHash;
    this.alerts = new AlertBook(row.alertRules, row.alertState);
  }

  get id(): string {
    return this.original.id;
  }
}

export interface Snapshot {
  readonly accounts: ReadonlyMap<string, AccountState>;
  readonly workspaces: ReadonlyMap<string, WorkspaceRow>;
  readonly operations: ReadonlyMap<string, OperationRow>;
}

export class Unit {
  readonly nowMs: number;
  private readonly snapshot: Snapshot;
  private readonly originalWorkspaces = new Map<string, WorkspaceRow>();
  private readonly newOperations = new Map<string, OperationRow>();
  private readonly inserts = new Map<InsertTable, Record<string, unknown>[]>();
  private readonly updates: RowUpdate[] = [];

  constructor(nowMs: number, snapshot: Snapshot) {
    this.nowMs = nowMs;
    this.snapshot = snapshot;
  }

  /**
   * A change to a row that belongs to an account the group touches (an order paid, an
   * invoice decided, a code claimed), stated as data the store writes with the group. The
   * account's version compare-and-set makes it as safe as the balance changes.
   */
  update(change: RowUpdate): void {
    this.updates.push(change);
  }

  /**
   * Writes an event to the outbox in this group's commit (no event without its change, no
   * change without its event) and fires the alerts the event itself triggers. Returns its id.
   */
  emit<T extends EventType>(type: T, accountId: string, data: EventPayloads[T]): string {
    const id = newId('evt');
    this.insert(events, {
      id,
      type,
      accountId,
      data: JSON.stringify(data),
      createdAtMs: this.nowMs,
    });
    const account = this.snapshot.accounts.get(accountId);
    if (account) alertsOnEvent(this, account, type, data);
    return id;
  }

  account(accountId: string): AccountState | undefined {
    return this.snapshot.accounts.get(accountId);
  }

  /** A workspace row the command may change; changes are committed with the group. */
  workspace(workspaceId: string): WorkspaceRow | undefined {
    const row = this.snapshot.workspaces.get(workspaceId);
    if (row && !this.originalWorkspaces.has(workspaceId)) {
      this.originalWorkspaces.set(workspaceId, { ...row });
    }
    return row;
  }

  operation(key: string): OperationRow | undefined {
    return this.newOperations.get(key) ?? this.snapshot.operations.get(key);
  }

  recordOperation(row: OperationRow): void {
    this.newOperations.set(row.key, row);
    this.insert(operations, row);
  }

  ledger(entry: Omit<LedgerInsert, 'id' | 'createdAtMs'>): void {
    this.insert(ledgerEntries, { ...entry, createdAtMs: this.nowMs });
  }

  /** The ledger entries the group adds, in order; the writer links them into their chains. */
  ledgerRows(): readonly LedgerInsert[] {
    return (this.inserts.get(ledgerEntries) ?? []) as LedgerInsert[];
  }

  insert<T extends InsertTable>(table: T, row: T['$inferInsert']): void {
    const rows = this.inserts.get(table) ?? [];
    rows.push(row as Record<string, unknown>);
    this.inserts.set(table, rows);
  }

  /**
   * What this unit changed, as data for the store; empty when nothing changed. Every touched
   * account commits with the version it was read at plus one: the compare-and-set.
   */
  changes(): ChangeSet {
    const touched = [...this.snapshot.accounts.values()].filter((state) => state.touched);
    for (const state of touched) settleAlerts(this, state);
    return {
      accounts: touched.map((state) => ({
        id: state.id,
        ...state.alerts.columns(),
        cashFen: state.cashFen,
        overdueFen: state.overdueFen,
        overdueSinceMs: state.overdueSinceMs,
        invoiceableFen: state.invoiceableFen,
        invoiceReservedFen: state.invoiceReservedFen,
        ledgerSeq: state.ledgerSeq,
        ledgerHeadHash: state.ledgerHeadHash,
        version: state.original.version + 1,
      })),
      instruments: touched.flatMap((state) => state.changedInstruments()),
      workspaces: this.workspaceChanges(),
      inserts: this.inserts,
      updates: this.updates,
    };
  }

  private workspaceChanges(): WorkspaceChange[] {
    const changes: WorkspaceChange[] = [];
    for (const [id, before] of this.originalWorkspaces) {
      const after = this.snapshot.workspaces.get(id);
      if (!after || sameWorkspace(before, after)) continue;
      changes.push({
        id,
        settlementMethod: after.settlementMethod,
        cloudProvider: after.cloudProvider,
        cloudAccountId: after.cloudAccountId,
        methodChangedAtMs: after.methodChangedAtMs,
      });
    }
    return changes;
  }
}

function sameWorkspace(a: WorkspaceRow, b: WorkspaceRow): boolean {
  return (
    a.settlementMethod === b.settlementMethod &&
    a.cloudProvider === b.cloudProvider &&
    a.cloudAccountId === b.cloudAccountId &&
    a.methodChangedAtMs === b.methodChangedAtMs
  );
}
