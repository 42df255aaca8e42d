/** What an account has invoiced, has pending and may still request (rules in invoices.ts). */
import { eq } from 'drizzle-orm';
import { addFen, fenToAmount, subFen } from '../../../common/money.ts';
import { accounts, invoices } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { accountNotFound, requireAccountRead } from '../access.ts';
import { type InvoiceRow } from './view.ts';

export interface InvoiceSummary {
  /** Everything invoiceable so far. */
  readonly invoiceable: string;
  readonly invoiced: string;
  readonly pending: string;
  /** What a new request may ask for. */
  readonly available: string;
}

export async function invoiceSummary(
  ctx: ServiceContext,
  accountId: string,
): Promise<InvoiceSummary> {
  requireAccountRead(ctx.actor, accountId);
  const db = ctx.database.db;
  const [accountRows, rows] = await db.batch([
    db.select().from(accounts).where(eq(accounts.id, accountId)),
    db.select().from(invoices).where(eq(invoices.accountId, accountId)),
  ]);
  const [account] = accountRows;
  if (!account) throw accountNotFound(accountId);
  const total = (status: InvoiceRow['status']) =>
    rows.filter((row) => row.status === status).reduce((sum, row) => addFen(sum, row.amountFen), 0);
  return {
    invoiceable: fenToAmount(account.invoiceableFen),
    invoiced: fenToAmount(total('issued')),
    pending: fenToAmount(total('requested')),
    available: fenToAmount(subFen(account.invoiceableFen, account.invoiceReservedFen)),
  };
}
