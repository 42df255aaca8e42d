/**
 * What a page of ledger entries refers to, as a finance team quotes it: the printed voucher
 * or card number instead of `vch_…`/`card_…`, the bank's serial number of a transfer, the
 * top-up order number (and Alipay's trade number), a prepaid order's id and product, the
 * charge id, the workspace's name. Resolved for a whole page at once: one query per kind of
 * thing referred to, each by primary key, never one per entry.
 */
import { inArray } from 'drizzle-orm';
import { fenToAmount } from '../../../common/money.ts';
import type { Database } from '../../../db/database.ts';
import {
  bankTransfers,
  cardOrders,
  prepaidCards,
  prepaidOrders,
  topUpOrders,
  vouchers,
  workspaces,
  type ledgerEntries,
} from '../../../db/schema/index.ts';
import { inChunks } from '../inChunks.ts';

type LedgerRow = typeof ledgerEntries.$inferSelect;

export interface EntryReferences {
  /** A voucher's or card's printed number; `provider:id` of a cloud account; else null. */
  readonly instrumentNumber: string | null;
  readonly workspaceName: string | null;
  /** What the entry refers to, as people quote it (never an internal id where one exists). */
  readonly reference: string;
  /** More about it: Alipay's trade number, the order's product, a card order's contents. */
  readonly referenceDetail: string | null;
}

const INSTRUMENT_REFS = new Set(['voucher', 'prepaid_card', 'expiry']);

/** The references of `rows`, in the same order. */
export async function resolveReferences(
  database: Database,
  rows: readonly LedgerRow[],
): Promise<EntryReferences[]> {
  const found = await lookUp(database, rows);
  return rows.map((row) => ({
    instrumentNumber: instrumentNumber(found, row),
    workspaceName:
      row.workspaceId === null ? null : (found.workspaces.get(row.workspaceId) ?? null),
    ...reference(found, row),
  }));
}

interface Found {
  readonly numbers: ReadonlyMap<string, string>;
  readonly workspaces: ReadonlyMap<string, string>;
  readonly transfers: ReadonlyMap<string, string>;
  readonly topUps: ReadonlyMap<string, string | null>;
  readonly orders: ReadonlyMap<string, string>;
  readonly cardOrders: ReadonlyMap<string, string>;
}

async function lookUp(database: Database, rows: readonly LedgerRow[]): Promise<Found> {
  const ids = (refTypes: readonly string[]) =>
    distinct(rows.filter((row) => refTypes.includes(row.refType)).map((row) => row.refId));
  const instrumentIds = distinct([
    ...rows.map((row) => row.instrumentId ?? ''),
    ...rows.filter((row) => INSTRUMENT_REFS.has(row.refType)).map((row) => row.refId),
  ]);
  const workspaceIds = distinct(rows.map((row) => row.workspaceId ?? ''));
  const read = <T>(wanted: readonly string[], query: (chunk: string[]) => Promise<T[]>) =>
    inChunks(wanted, database.maxParams, query);
  const db = database.db;
  const [voucherRows, cardRows, workspaceRows, transferRows, topUpRows, orderRows, cardOrderRows] =
    await Promise.all([
      read(instrumentIds, (chunk) =>
        db
          .select({ id: vouchers.id, number: vouchers.number })
          .from(vouchers)
          .where(inArray(vouchers.id, chunk)),
      ),
      read(instrumentIds, (chunk) =>
        db
          .select({ id: prepaidCards.id, number: prepaidCards.number })
          .from(prepaidCards)
          .where(inArray(prepaidCards.id, chunk)),
      ),
      read(workspaceIds, (chunk) =>
        db
          .select({ id: workspaces.id, name: workspaces.name })
          .from(workspaces)
          .where(inArray(workspaces.id, chunk)),
      ),
      read(ids(['bank_transfer']), (chunk) =>
        db
          .select({ id: bankTransfers.id, serial: bankTransfers.bankSerial })
          .from(bankTransfers)
          .where(inArray(bankTransfers.id, chunk)),
      ),
      read(ids(['top_up']), (chunk) =>
        db
          .select({ id: topUpOrders.id, tradeNo: topUpOrders.tradeNo })
          .from(topUpOrders)
          .where(inArray(topUpOrders.id, chunk)),
      ),
      read(ids(['order', 'order_refund']), (chunk) =>
        db
          .select({ id: prepaidOrders.id, product: prepaidOrders.product })
          .from(prepaidOrders)
          .where(inArray(prepaidOrders.id, chunk)),
      ),
      read(ids(['card_order']), (chunk) =>
        db
          .select({
            id: cardOrders.id,
            quantity: cardOrders.quantity,
            denominationFen: cardOrders.denominationFen,
          })
          .from(cardOrders)
          .where(inArray(cardOrders.id, chunk)),
      ),
    ]);
  return {
    numbers: new Map([...voucherRows, ...cardRows].map((row) => [row.id, row.number])),
    workspaces: new Map(workspaceRows.map((row) => [row.id, row.name])),
    transfers: new Map(transferRows.map((row) => [row.id, row.serial])),
    topUps: new Map(topUpRows.map((row) => [row.id, row.tradeNo])),
    orders: new Map(orderRows.map((row) => [row.id, row.product])),
    cardOrders: new Map(
      cardOrderRows.map((row) => [row.id, `${row.quantity} × ${fenToAmount(row.denominationFen)}`]),
    ),
  };
}

function instrumentNumber(found: Found, row: LedgerRow): string | null {
  if (row.instrumentId === null) return null;
  if (row.instrument === 'cloud_account') return row.instrumentId;
  return found.numbers.get(row.instrumentId) ?? null;
}

function reference(
  found: Found,
  row: LedgerRow,
): Pick<EntryReferences, 'reference' | 'referenceDetail'> {
  const plain = { reference: row.refId, referenceDetail: null };
  switch (row.refType) {
    case 'bank_transfer':
      return { ...plain, reference: found.transfers.get(row.refId) ?? row.refId };
    case 'top_up':
      return { ...plain, referenceDetail: found.topUps.get(row.refId) ?? null };
    case 'order':
    case 'order_refund':
      return { ...plain, referenceDetail: found.orders.get(row.refId) ?? null };
    case 'card_order':
      return { ...plain, referenceDetail: found.cardOrders.get(row.refId) ?? null };
    case 'voucher':
    case 'prepaid_card':
    case 'expiry':
      return { ...plain, reference: found.numbers.get(row.refId) ?? row.refId };
    default:
      return plain;
  }
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values.filter((value) => value !== ''))];
}
