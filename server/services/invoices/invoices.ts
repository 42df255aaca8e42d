/**
 * Invoices for money actually paid in cash. The account row keeps two counters, both changed
 * only by the writer under the account's version compare-and-set:
 * - `invoiceable`: cash paid for cards and orders and spent on charges (overdue included once
 *   paid off), less cash refunded;
 * - `invoiceReserved`: invoices requested or issued.
 * A request must fit in what is left (invoiceable − reserved); a rejection gives its amount
 * back, as does the account cancelling a pending request. Voucher- and card-paid parts never
 * become invoiceable.
 *
 * One verb per file (summary, request, list, queue, issue, reject, close; cancel.ts, get.ts);
 * this module gathers them for the routers.
 */
export type { InvoiceView } from './view.ts';
export { invoiceSummary, type InvoiceSummary } from './summary.ts';
export { requestInvoice } from './request.ts';
export { listInvoices } from './list.ts';
export { invoiceQueue, type QueuedInvoiceView } from './queue.ts';
export { issueInvoice } from './issue.ts';
export { rejectInvoice } from './reject.ts';
export { closeInvoice, type Decision } from './close.ts';
