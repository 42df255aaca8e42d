/** An operator issues a requested invoice under a number used once. */
import type { ServiceContext } from '../../context.ts';
import { type InvoiceView } from './view.ts';
import { closeInvoice } from './close.ts';

export async function issueInvoice(
  ctx: ServiceContext,
  input: { invoiceId: string; invoiceNumber: string },
): Promise<InvoiceView & { replayed: boolean }> {
  return closeInvoice(ctx, input.invoiceId, {
    status: 'issued',
    invoiceNumber: input.invoiceNumber,
  });
}
