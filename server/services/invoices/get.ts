/** One invoice with its buyer details and status history, for the account's detail page. */
import { eq } from 'drizzle-orm';
import { DomainError } from '../../../common/errors.ts';
import { invoices } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { requireAccountRead } from '../access.ts';
import { invoiceView, type InvoiceView } from './view.ts';

export async function getInvoice(ctx: ServiceContext, invoiceId: string): Promise<InvoiceView> {
  const row = await ctx.database.db.query.invoices.findFirst({ where: eq(invoices.id, invoiceId) });
  if (!row) throw new DomainError('INVOICE_NOT_FOUND', `no invoice ${invoiceId}`);
  requireAccountRead(ctx.actor, row.accountId);
  return invoiceView(row);
}
