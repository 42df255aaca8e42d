/** An operator rejects a requested invoice; its amount may be requested again. */
import type { ServiceContext } from '../../context.ts';
import { type InvoiceView } from './view.ts';
import { closeInvoice } from './close.ts';

export async function rejectInvoice(
  ctx: ServiceContext,
  input: { invoiceId: string; reason: string },
): Promise<InvoiceView & { replayed: boolean }> {
  return closeInvoice(ctx, input.invoiceId, { status: 'rejected', reason: input.reason });
}
