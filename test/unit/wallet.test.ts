/**
 * The pure wallet (common/wallet/): the registry names every kind the planner knows and
 * turns each table's rows into the planner's snapshots; the account's rules hold without a
 * database.
 */
import { describe, expect, it } from 'vitest';
import { deductionRule } from '../../common/settlement/order.ts';
import { planSettlement, type InstrumentKind } from '../../common/settlement/plan.ts';
import { WalletAccount } from '../../common/wallet/account.ts';
import {
  INSTRUMENT_KINDS,
  INSTRUMENT_TABLE_NAMES,
  INSTRUMENT_TABLES,
  snapshotOf,
  type Held,
  type InstrumentTable,
} from '../../common/wallet/instruments.ts';

const NOW_MS = Date.UTC(2026, 10, 26, 4, 0, 0);
const ALL_KINDS = Object.keys(INSTRUMENT_KINDS) as InstrumentKind[];

/** A row of `table` that the registry reads as `kind`, holding `balanceFen`. */
function heldOf(table: InstrumentTable, kind: InstrumentKind, balanceFen: number): Held {
  const row = {
    id: `id-${kind}`,
    accountId: 'acc',
    number: `N-${kind}`,
    status: 'active' as const,
    balanceFen,
    forfeitedFen: 0,
    validFromMs: NOW_MS - 1_000,
    expiresAtMs: NOW_MS + 1_000,
    // Table-specific fields, each table's entry reads only its own.
    type: kind === 'discount_voucher' ? 'discount' : 'regular',
    activatedAtMs: NOW_MS - 500,
    purchasedAtMs: NOW_MS - 500,
  };
  return { table, row };
}

describe('the instrument registry', () => {
  it('puts every kind in exactly one table, the one the kind names', () => {
    for (const kind of ALL_KINDS) {
      const tables = INSTRUMENT_TABLE_NAMES.filter((table) =>
        (INSTRUMENT_TABLES[table].kinds as readonly string[]).includes(kind),
      );
      expect(tables).toEqual([INSTRUMENT_KINDS[kind].table]);
    }
  });

  it('drives the planner for every kind: a held row pays as its kind', () => {
    for (const kind of ALL_KINDS) {
      const held = heldOf(INSTRUMENT_KINDS[kind].table, kind, 300);
      expect(snapshotOf(held)).toMatchObject({ kind, activatedAtMs: NOW_MS - 500 });
      const plan = planSettlement({
        amountFen: 500,
        method: 'billing_center',
        category: 'general',
        instruments: [snapshotOf(held)],
        cashFen: 0,
        nowMs: NOW_MS,
      });
      // General charges on the billing center take every kind the table lists.
      expect(deductionRule('billing_center', 'general').payWith).toContain(kind);
      expect(plan.parts.map((part) => [part.source, part.amountFen])).toEqual([
        [kind, 300],
        ['overdue', 200],
      ]);
    }
  });
});

describe('the wallet account', () => {
  const balances = {
    cashFen: 0,
    overdueFen: 700,
    overdueSinceMs: NOW_MS - 1,
    invoiceableFen: 1_000,
    invoiceReservedFen: 900,
  };

  it('pays overdue first with cash that arrives, which then becomes invoiceable', () => {
    const wallet = new WalletAccount(balances, []);
    expect(wallet.receiveCash(1_000)).toEqual({ overduePaidFen: 700, cashCreditedFen: 300 });
    expect(wallet.balances()).toEqual({
      cashFen: 300,
      overdueFen: 0,
      overdueSinceMs: null,
      invoiceableFen: 1_700,
      invoiceReservedFen: 900,
    });
  });

  it('uses an instrument up at zero and reports it changed, by table', () => {
    const card = heldOf('prepaid_cards', 'prepaid_card', 300);
    const wallet = new WalletAccount(balances, [card]);
    wallet.spendInstrument(card.row.id, 0);
    expect(wallet.changedInstruments()).toEqual([
      {
        table: 'prepaid_cards',
        id: card.row.id,
        balanceFen: 0,
        status: 'used_up',
        forfeitedFen: 0,
      },
    ]);
    expect(wallet.active()).toEqual([]);
    // The row it was given is a copy: the caller's stays as loaded.
    expect(card.row.balanceFen).toBe(300);
  });

  it('refuses to withdraw refunded cash below what invoices reserve, changing nothing', () => {
    const wallet = new WalletAccount({ ...balances, overdueFen: 0, overdueSinceMs: null }, []);
    expect(wallet.withdrawInvoiceable(101)).toBe(false);
    expect(wallet.invoiceableFen).toBe(1_000);
    expect(wallet.touched).toBe(false);
    expect(wallet.withdrawInvoiceable(100)).toBe(true);
    expect(wallet.invoiceableFen).toBe(900);
  });
});
