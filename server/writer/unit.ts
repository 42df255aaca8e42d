/**
 * A unit of work: the in-memory state of the accounts one write group touches, the commands'
 * changes to it, and the change set that commits them.
 *
 * Commands mutate the state in place (after validating, never half-way), so the second
 * charge of a group sees the balances the first one left. At the end the unit turns the
 * differences into data (`changes()`) that the store commits atomically: every touched
 * account with its version compare-and-set, changed instruments and workspaces, new rows.
 */
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../../db/database.ts';
import { events, ledgerEntries, operations } from '../../db/schema/index.ts';
import type {
  AccountRow,
  CardRow,
  ChangeSet,
  InsertTable,
  InstrumentChange,
  OperationRow,
  VoucherRow,
  WorkspaceChange,
  WorkspaceRow,
} from '../../db/store.ts';
import { addFen, minFen, subFen } from '../../common/money.ts';
import type { InstrumentSnapshot } from '../../common/settlement/plan.ts';
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

/** One account as the group sees it: balances and its usable vouchers and cards. */
export class AccountState {
  readonly original: AccountRow;
  cashFen: number;
  overdueFen: number;
  overdueSinceMs: number | null;
  invoiceableFen: number;
  invoiceReservedFen: number;
  readonly vouchers: VoucherRow[];
  readonly cards: CardRow[];
  readonly vouchersAtLoad: readonly VoucherRow[];
  readonly cardsAtLoad: readonly CardRow[];
  /** Alert rules and crossings; changed in the commit that crosses (server/alerts). */
  readonly alerts: AlertBook;
  /** Set by any change to the account or its instruments; bumps the version at commit. */
  touched = false;

  constructor(row: AccountRow, voucherRows: VoucherRow[], cardRows: CardRow[]) {
    this.original = row;
    this.cashFen = row.cashFen;
    this.overdueFen = row.overdueFen;
    this.overdueSinceMs = row.overdueSinceMs;
    this.invoiceableFen = row.invoiceableFen;
    this.invoiceReservedFen = row.invoiceReservedFen;
    this.vouchersAtLoad = voucherRows;
    this.cardsAtLoad = cardRows;
    this.vouchers = voucherRows.map((voucher) => ({ ...voucher }));
    this.cards = cardRows.map((card) => ({ ...card }));
    this.alerts = new AlertBook(row.alertRules, row.alertState);
  }

  get id(): string {
    return this.original.id;
  }

  instruments(): InstrumentSnapshot[] {
    const fromVouchers = this.vouchers.map((voucher) => ({
      id: voucher.id,
      number: voucher.number,
      kind:
        voucher.type === 'regular' ? ('regular_voucher' as const) : ('discount_voucher' as const),
      status: voucher.status,
      balanceFen: voucher.balanceFen,
      validFromMs: voucher.validFromMs,
      expiresAtMs: voucher.expiresAtMs,
      activatedAtMs: voucher.activatedAtMs,
    }));
    const fromCards = this.cards.map((card) => ({
      id: card.id,
      number: card.number,
      kind: 'prepaid_card' as const,
      status: card.status,
      balanceFen: card.balanceFen,
      validFromMs: card.validFromMs,
      expiresAtMs: card.expiresAtMs,
      activatedAtMs: card.purchasedAtMs,
    }));
    return [...fromVouchers, ...fromCards];
  }

  /** Adds to the overdue debt (starting its clock if it was zero); returns the new debt. */
  addOverdue(amountFen: number, nowMs: number): number {
    if (this.overdueFen === 0) this.overdueSinceMs = nowMs;
    this.overdueFen = addFen(this.overdueFen, amountFen);
    this.touched = true;
    return this.overdueFen;
  }

  /**
   * Money arriving as cash: it pays the overdue debt first and only the rest becomes cash.
   * Returns how much went to each, and both balances after.
   */
  receiveCash(amountFen: number): {
    overduePaidFen: number;
    cashCreditedFen: number;
  } {
    const overduePaidFen = minFen(amountFen, this.overdueFen);
    const cashCreditedFen = subFen(amountFen, overduePaidFen);
    this.overdueFen = subFen(this.overdueFen, overduePaidFen);
    if (this.overdueFen === 0) this.overdueSinceMs = null;
    this.cashFen = addFen(this.cashFen, cashCreditedFen);
    // Paying off overdue is cash spent on charges: it becomes invoiceable now.
    this.invoiceableFen = addFen(this.invoiceableFen, overduePaidFen);
    this.touched = true;
    return { overduePaidFen, cashCreditedFen };
  }

  /** Cash spent on something invoiceable (a charge, cards, an order). */
  spendCash(amountFen: number): number {
    this.cashFen = subFen(this.cashFen, amountFen);
    this.invoiceableFen = addFen(this.invoiceableFen, amountFen);
    this.touched = true;
    return this.cashFen;
  }

  addVoucher(row: VoucherRow): void {
    this.vouchers.push(row);
    this.touched = true;
  }

  addCard(row: CardRow): void {
    this.cards.push(row);
    this.touched = true;
  }

  /** Sets a voucher's or card's balance; at zero it is used up. */
  setInstrumentBalance(instrumentId: string, balanceFen: number): void {
    const row = this.instrumentRow(instrumentId);
    row.balanceFen = balanceFen;
    if (balanceFen === 0) row.status = 'used_up';
    this.touched = true;
  }

  /** Takes an instrument out of use, forfeiting its balance; returns what was forfeited. */
  forfeit(instrumentId: string, status: 'expired' | 'voided'): number {
    const row = this.instrumentRow(instrumentId);
    const forfeitedFen = row.balanceFen;
    row.forfeitedFen = addFen(row.forfeitedFen, forfeitedFen);
    row.balanceFen = 0;
    row.status = status;
    this.touched = true;
    return forfeitedFen;
  }

  private instrumentRow(instrumentId: string): VoucherRow | CardRow {
    const row =
      this.vouchers.find((voucher) => voucher.id === instrumentId) ??
      this.cards.find((card) => card.id === instrumentId);
    if (!row) throw new Error(`instrument ${instrumentId} is not loaded`);
    return row;
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
  private readonly extras: BatchItem<'sqlite'>[] = [];
  /** For building the extra statements a command needs (see `also`). */
  readonly db: Db;

  constructor(nowMs: number, snapshot: Snapshot, db: Db) {
    this.nowMs = nowMs;
    this.snapshot = snapshot;
    this.db = db;
  }

  /**
   * Adds a statement to the group's batch: updates of rows that belong to an account the
   * group touches (orders, codes, invoices). The account's version compare-and-set makes
   * them as safe as the balance changes.
   */
  also(statement: BatchItem<'sqlite'>): void {
    this.extras.push(statement);
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
        version: state.original.version + 1,
      })),
      vouchers: changedRows(touched, 'vouchers'),
      cards: changedRows(touched, 'cards'),
      workspaces: this.workspaceChanges(),
      inserts: this.inserts,
      extras: this.extras,
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

/** The vouchers or cards of these accounts whose balance, status or forfeit changed. */
function changedRows(
  states: readonly AccountState[],
  kind: 'vouchers' | 'cards',
): InstrumentChange[] {
  return states.flatMap((state) => {
    const loaded = new Map<string, VoucherRow | CardRow>(
      (kind === 'vouchers' ? state.vouchersAtLoad : state.cardsAtLoad).map((row) => [row.id, row]),
    );
    const current: readonly (VoucherRow | CardRow)[] =
      kind === 'vouchers' ? state.vouchers : state.cards;
    return current.flatMap((row) => {
      const before = loaded.get(row.id);
      // New rows are inserted, unchanged rows left alone.
      if (!before || sameInstrument(before, row)) return [];
      return [
        {
          id: row.id,
          balanceFen: row.balanceFen,
          status: row.status,
          forfeitedFen: row.forfeitedFen,
        },
      ];
    });
  });
}

function sameInstrument(a: VoucherRow | CardRow, b: VoucherRow | CardRow): boolean {
  return (
    a.balanceFen === b.balanceFen && a.status === b.status && a.forfeitedFen === b.forfeitedFen
  );
}

function sameWorkspace(a: WorkspaceRow, b: WorkspaceRow): boolean {
  return (
    a.settlementMethod === b.settlementMethod &&
    a.cloudProvider === b.cloudProvider &&
    a.cloudAccountId === b.cloudAccountId &&
    a.methodChangedAtMs === b.methodChangedAtMs
  );
}
