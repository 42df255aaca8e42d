/** The operator's queue of invoices by status, with the requesting account's name. */
import { and, eq } from 'drizzle-orm';
import { accounts, invoices } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { requireRole } from '../access.ts';
import { invoiceView, type InvoiceRow, type InvoiceView } from './view.ts';

/** An invoice in the operator's queue, with the name of the account that asked for it. */
export interface QueuedInvoiceView extends InvoiceView {
  readonly accountName: string;
}

/** The operator's queue: by status (default: requested), oldest first. */
export async function invoiceQueue(
  ctx: ServiceContext,
  input: { status?: InvoiceRow['status'] | undefined; accountId?: string | undefined },
): Promise<QueuedInvoiceView[]> {
  requireRole(ctx.actor, ['operator']);
  const rows = await ctx.database.db
    .select({ invoice: invoices, accountName: accounts.name })
    .from(invoices)
    .innerJoin(accounts, eq(accounts.id, invoices.accountId))
    .where(
      and(
        eq(invoices.status, input.status ?? 'requested'),
        input.accountId ? eq(invoices.accountId, input.accountId) : undefined,
      ),
    )
    .orderBy(invoices.requestedAtMs)
    .limit(500);
  return rows.map(({ invoice, accountName }) => ({ ...invoiceView(invoice), accountName }));
}
