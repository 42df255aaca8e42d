/** An account's invoices, newest first. */
import { desc, eq } from 'drizzle-orm';
import { invoices } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { requireReadableAccount } from '../access.ts';
import { invoiceView, type InvoiceView } from './view.ts';

export async function listInvoices(ctx: ServiceContext, accountId: string): Promise<InvoiceView[]> {
  await requireReadableAccount(ctx, accountId);
  const rows = await ctx.database.db
    .select()
    .from(invoices)
    .where(eq(invoices.accountId, accountId))
    .orderBy(desc(invoices.requestedAtMs));
  return rows.map(invoiceView);
}
