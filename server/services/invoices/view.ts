/** An invoice as the API shows it, with the history of its status. */
import type { InvoiceStatus } from '../../../common/invoices.ts';
import { fenToAmount } from '../../../common/money.ts';
import type { invoices } from '../../../db/schema/index.ts';

export type InvoiceRow = typeof invoices.$inferSelect;

export interface InvoiceStatusChange {
  readonly status: InvoiceStatus;
  readonly atMs: number;
}

export interface InvoiceView {
  readonly invoiceId: string;
  readonly accountId: string;
  /** The buyer's name. */
  readonly title: string;
  readonly taxId: string;
  readonly amount: string;
  readonly email: string;
  readonly type: InvoiceRow['type'];
  readonly address: string | null;
  readonly phone: string | null;
  readonly bankName: string | null;
  readonly bankAccount: string | null;
  readonly status: InvoiceStatus;
  readonly invoiceNumber: string | null;
  readonly rejectReason: string | null;
  readonly requestedAtMs: number;
  /** When it was issued, rejected or cancelled; null while pending. */
  readonly decidedAtMs: number | null;
  /** Oldest first: requested, then the one final status it reached, if any. */
  readonly history: readonly InvoiceStatusChange[];
}

export function invoiceView(row: InvoiceRow): InvoiceView {
  const requested: InvoiceStatusChange = { status: 'requested', atMs: row.requestedAtMs };
  const decided: InvoiceStatusChange[] =
    row.status !== 'requested' && row.decidedAtMs !== null
      ? [{ status: row.status, atMs: row.decidedAtMs }]
      : [];
  return {
    invoiceId: row.id,
    accountId: row.accountId,
    title: row.title,
    taxId: row.taxId,
    amount: fenToAmount(row.amountFen),
    email: row.email,
    type: row.type,
    address: row.address,
    phone: row.phone,
    bankName: row.bankName,
    bankAccount: row.bankAccount,
    status: row.status,
    invoiceNumber: row.invoiceNumber,
    rejectReason: row.rejectReason,
    requestedAtMs: row.requestedAtMs,
    decidedAtMs: row.decidedAtMs,
    history: [requested, ...decided],
  };
}
