/**
 * One billing account's wallet and every rule that changes it: spend an instrument, add to
 * the overdue debt, receive cash (overdue first), spend cash (it becomes invoiceable),
 * reserve and release invoiceable cash, take an instrument out of use, use up at zero.
 *
 * Pure: no database, no clock (`nowMs` is an argument). The writer's AccountState
 * (server/writer/unit.ts) is this plus the row it was loaded from; services change an account
 * only through these methods, so the rules live here once. Instruments of every table are one
 * list, read through the registry (instruments.ts).
 */
import { addFen, minFen, subFen } from '../money.ts';
import type { InstrumentSnapshot, InstrumentStatus } from '../settlement/plan.ts';
import { snapshotOf, type Held, type HeldRow, type InstrumentTable } from './instruments.ts';

export interface WalletBalances {
  readonly cashFen: number;
  readonly overdueFen: number;
  readonly overdueSinceMs: number | null;
  readonly invoiceableFen: number;
  readonly invoiceReservedFen: number;
}

/** An instrument whose balance, status or forfeit the wallet changed. */
export interface InstrumentChange {
  readonly table: InstrumentTable;
  readonly id: string;
  readonly balanceFen: number;
  readonly status: InstrumentStatus;
  readonly forfeitedFen: number;
}

export class WalletAccount {
  cashFen: number;
  overdueFen: number;
  overdueSinceMs: number | null;
  invoiceableFen: number;
  invoiceReservedFen: number;
  /** The instruments as the wallet holds them now (copies; changed in place). */
  readonly held: Held[];
  private readonly heldAtLoad: ReadonlyMap<string, HeldRow>;
  /** Set by any change to the account or its instruments; bumps the version at commit. */
  touched = false;

  constructor(balances: WalletBalances, held: readonly Held[]) {
    this.cashFen = balances.cashFen;
    this.overdueFen = balances.overdueFen;
    this.overdueSinceMs = balances.overdueSinceMs;
    this.invoiceableFen = balances.invoiceableFen;
    this.invoiceReservedFen = balances.invoiceReservedFen;
    this.heldAtLoad = new Map(held.map(({ row }) => [row.id, row]));
    this.held = held.map(({ table, row }) => ({ table, row: { ...row } }));
  }

  balances(): WalletBalances {
    return {
      cashFen: this.cashFen,
      overdueFen: this.overdueFen,
      overdueSinceMs: this.overdueSinceMs,
      invoiceableFen: this.invoiceableFen,
      invoiceReservedFen: this.invoiceReservedFen,
    };
  }

  /** Every held instrument as the planner sees it. */
  instruments(): InstrumentSnapshot[] {
    return this.held.map(snapshotOf);
  }

  /** A held instrument, if the wallet holds it. */
  instrument(instrumentId: string): InstrumentSnapshot | undefined {
    const held = this.held.find(({ row }) => row.id === instrumentId);
    return held && snapshotOf(held);
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
   * Returns how much went to each.
   */
  receiveCash(amountFen: number): { overduePaidFen: number; cashCreditedFen: number } {
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

  /** Cash spent on something invoiceable (a charge, cards, an order); returns the cash left. */
  spendCash(amountFen: number): number {
    this.cashFen = subFen(this.cashFen, amountFen);
    this.invoiceableFen = addFen(this.invoiceableFen, amountFen);
    this.touched = true;
    return this.cashFen;
  }

  /** What may still be invoiced: invoiceable cash not yet requested. */
  invoiceAvailableFen(): number {
    return subFen(this.invoiceableFen, this.invoiceReservedFen);
  }

  /** Sets aside invoiceable cash for an invoice request (the caller checked it is available). */
  reserveInvoiceable(amountFen: number): void {
    this.invoiceReservedFen = addFen(this.invoiceReservedFen, amountFen);
    this.touched = true;
  }

  /** Returns a rejected or cancelled request's amount to what may be invoiced. */
  releaseInvoiceable(amountFen: number): void {
    this.invoiceReservedFen = subFen(this.invoiceReservedFen, amountFen);
    this.touched = true;
  }

  /**
   * Refunded cash is no longer invoiceable, but what of it pays off overdue becomes so again
   * when it arrives. False, changing nothing, when that would leave less invoiceable than
   * invoices already requested.
   */
  withdrawInvoiceable(refundFen: number): boolean {
    const repaysFen = minFen(refundFen, this.overdueFen);
    const invoiceableAfter = subFen(this.invoiceableFen, refundFen);
    if (addFen(invoiceableAfter, repaysFen) < this.invoiceReservedFen) return false;
    this.invoiceableFen = invoiceableAfter;
    this.touched = true;
    return true;
  }

  /** A new instrument in the wallet (its row is inserted by the command). */
  hold(table: InstrumentTable, row: HeldRow): void {
    this.held.push({ table, row });
    this.touched = true;
  }

  /** An instrument pays: its balance after; at zero it is used up. */
  spendInstrument(instrumentId: string, balanceFenAfter: number): void {
    const row = this.rowOf(instrumentId);
    row.balanceFen = balanceFenAfter;
    if (balanceFenAfter === 0) row.status = 'used_up';
    this.touched = true;
  }

  /** Takes an instrument out of use, forfeiting its balance; returns what was forfeited. */
  forfeit(instrumentId: string, status: 'expired' | 'voided'): number {
    const row = this.rowOf(instrumentId);
    const forfeitedFen = row.balanceFen;
    row.forfeitedFen = addFen(row.forfeitedFen, forfeitedFen);
    row.balanceFen = 0;
    row.status = status;
    this.touched = true;
    return forfeitedFen;
  }

  /** The instruments held at load whose balance, status or forfeit changed since. */
  changedInstruments(): InstrumentChange[] {
    return this.held.flatMap(({ table, row }) => {
      const before = this.heldAtLoad.get(row.id);
      // New rows are inserted, unchanged rows left alone.
      if (!before || sameInstrument(before, row)) return [];
      const { id, balanceFen, status, forfeitedFen } = row;
      return [{ table, id, balanceFen, status, forfeitedFen }];
    });
  }

  /** The instruments that can still pay: what the next group needs to know of them. */
  active(): Held[] {
    return this.held.filter(({ row }) => row.status === 'active');
  }

  private rowOf(instrumentId: string): HeldRow {
    const held = this.held.find(({ row }) => row.id === instrumentId);
    if (!held) throw new Error(`instrument ${instrumentId} is not held`);
    return held.row;
  }
}

function sameInstrument(a: HeldRow, b: HeldRow): boolean {
  return (
    a.balanceFen === b.balanceFen && a.status === b.status && a.forfeitedFen === b.forfeitedFen
  );
}
