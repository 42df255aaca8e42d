/**
 * Where each kind of RowUpdate (db/store.ts) lands: its table, the columns it sets, and the
 * condition a row must still meet (a code is claimed only while unused). Both stores read
 * this one table, so a new kind of change is one union member and one entry here.
 */
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import {
  activationCodes,
  invoices,
  prepaidOrders,
  topUpOrders,
  webhookEndpoints,
} from '../schema/index.ts';
import type { RowUpdate } from '../store.ts';

type Kind = RowUpdate['kind'];
type Of<K extends Kind> = Extract<RowUpdate, { kind: K }>;

export interface RowTarget<K extends Kind> {
  readonly table: SQLiteTable & { id: SQLiteColumn };
  /** The columns (Drizzle keys) and their new values; every change of a kind sets the same. */
  readonly set: (change: Of<K>) => Record<string, unknown>;
  /** Only a row whose column still holds this value is changed. */
  readonly onlyIf?: { readonly column: string; readonly value: string };
}

export const ROW_TARGETS: { readonly [K in Kind]: RowTarget<K> } = {
  topUpPaid: {
    table: topUpOrders,
    set: (c) => ({ status: 'paid', paidAtMs: c.paidAtMs, tradeNo: c.tradeNo }),
  },
  orderPaid: {
    table: prepaidOrders,
    set: (c) => ({
      status: 'paid',
      cardsPaidFen: c.cardsPaidFen,
      cashPaidFen: c.cashPaidFen,
      paidAtMs: c.paidAtMs,
    }),
  },
  orderRefunded: {
    table: prepaidOrders,
    set: (c) => ({ status: 'refunded', refundedFen: c.refundedFen, refundedAtMs: c.refundedAtMs }),
  },
  invoiceDecided: {
    table: invoices,
    set: (c) => ({
      status: c.status,
      invoiceNumber: c.invoiceNumber,
      rejectReason: c.rejectReason,
      decidedAtMs: c.decidedAtMs,
    }),
  },
  codeRedeemed: {
    table: activationCodes,
    set: (c) => ({
      status: 'redeemed',
      accountId: c.accountId,
      voucherId: c.voucherId,
      redeemedAtMs: c.redeemedAtMs,
    }),
    onlyIf: { column: 'status', value: 'unused' },
  },
  endpointDisabled: {
    table: webhookEndpoints,
    set: (c) => ({ enabled: false, disabledReason: c.disabledReason }),
  },
};

export function rowTarget<K extends Kind>(change: Of<K>): RowTarget<K> {
  return ROW_TARGETS[change.kind as K];
}
