/**
 * The instrument registry: every kind of voucher or card the wallet holds, the table it
 * lives in, the statuses that table allows, and how one of its rows looks to the planner.
 * The planner's input, the writer's load and commit, expiry, voiding, the audit and the
 * client's labels all read this, so a new kind is an entry here, a table in db/schema with
 * its migration, a line in db/store/instrumentTables.ts, and its words in common/words.ts
 * (docs/decisions/009).
 *
 * Pure: no database import. Tables are named, not imported; db/ maps names to tables.
 */
import type { InstrumentKind, InstrumentSnapshot, InstrumentStatus } from '../settlement/plan.ts';

export const INSTRUMENT_STATUSES = ['active', 'used_up', 'expired', 'voided'] as const;
export const CARD_STATUSES = ['active', 'used_up', 'expired'] as const;
export const VOUCHER_TYPES = ['regular', 'discount'] as const;
export const VOUCHER_SOURCES = ['operator_issue', 'activation_code', 'purchase_tier'] as const;
export const CARD_SOURCES = ['cash_purchase', 'partner'] as const;

/** What every instrument row has, whatever its table (Drizzle's column keys). */
export interface HeldRow {
  readonly id: string;
  readonly accountId: string;
  readonly number: string;
  status: InstrumentStatus;
  balanceFen: number;
  forfeitedFen: number;
  readonly validFromMs: number;
  readonly expiresAtMs: number;
}

/** What the voucher table's entry reads of a row (a stored row or the client's view of it). */
interface VoucherFields {
  readonly type: 'regular' | 'discount';
  readonly activatedAtMs: number;
}

/** What the card table's entry reads of a row. */
interface CardFields {
  readonly purchasedAtMs: number;
}

/** One table of instruments: what it holds and how a row of it pays. */
export interface InstrumentTableEntry<Row> {
  /** One of its rows, in names built from it (the audit's `voucher_equals_ledger`). */
  readonly singular: string;
  /** The kinds its rows can be. */
  readonly kinds: readonly InstrumentKind[];
  /** Every status its rows may take (its CHECK constraint). */
  readonly statuses: readonly InstrumentStatus[];
  /** Which kind a row is. */
  readonly kindOf: (row: Row) => InstrumentKind;
  /** When the row came into the wallet: the planner's tie-break after expiry. */
  readonly heldSinceMs: (row: Row) => number;
}

export const INSTRUMENT_TABLES = {
  vouchers: {
    singular: 'voucher',
    kinds: ['regular_voucher', 'discount_voucher'],
    statuses: INSTRUMENT_STATUSES,
    kindOf: (row: VoucherFields): InstrumentKind =>
      row.type === 'regular' ? 'regular_voucher' : 'discount_voucher',
    heldSinceMs: (row: VoucherFields) => row.activatedAtMs,
  },
  prepaid_cards: {
    singular: 'card',
    kinds: ['prepaid_card'],
    statuses: CARD_STATUSES,
    kindOf: (): InstrumentKind => 'prepaid_card',
    heldSinceMs: (row: CardFields) => row.purchasedAtMs,
  },
} as const satisfies {
  readonly vouchers: InstrumentTableEntry<VoucherFields>;
  readonly prepaid_cards: InstrumentTableEntry<CardFields>;
};

export type InstrumentTable = keyof typeof INSTRUMENT_TABLES;
export const INSTRUMENT_TABLE_NAMES = Object.keys(INSTRUMENT_TABLES) as InstrumentTable[];

/**
 * Each kind and its table. How people call a kind is in common/words.ts (VALUE_WORDS, typed
 * by kind, so a new kind without words does not compile), which the client's labels and
 * the exports read.
 */
export const INSTRUMENT_KINDS: {
  readonly [K in InstrumentKind]: { readonly table: InstrumentTable };
} = {
  regular_voucher: { table: 'vouchers' },
  discount_voucher: { table: 'vouchers' },
  prepaid_card: { table: 'prepaid_cards' },
};

/** An instrument in the wallet: the table it lives in and its row. */
export interface Held {
  readonly table: InstrumentTable;
  readonly row: HeldRow;
}

/** How a held instrument looks to the planner. */
export function snapshotOf(held: Held): InstrumentSnapshot {
  // Each table's entry reads the fields of its own rows, which a held row of it carries.
  const entry = INSTRUMENT_TABLES[held.table] as unknown as InstrumentTableEntry<HeldRow>;
  const { row } = held;
  return {
    id: row.id,
    number: row.number,
    kind: entry.kindOf(row),
    status: row.status,
    balanceFen: row.balanceFen,
    validFromMs: row.validFromMs,
    expiresAtMs: row.expiresAtMs,
    activatedAtMs: entry.heldSinceMs(row),
  };
}
