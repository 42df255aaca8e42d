/**
 * The account withdraws a pending invoice request: its amount becomes available again. An
 * account admin (or an operator) may cancel; it is one of the three ways a request closes,
 * so it races with issuing and rejecting and exactly one of them wins (see closeInvoice).
 */
import type { ServiceContext } from '../../context.ts';
import { closeInvoice } from './invoices.ts';
import type { InvoiceView } from './view.ts';

export function cancelInvoice(
  ctx: ServiceContext,
  input: { invoiceId: string },
): Promise<InvoiceView & { replayed: boolean }> {
  return closeInvoice(ctx, input.invoiceId, { status: 'cancelled' });
}
