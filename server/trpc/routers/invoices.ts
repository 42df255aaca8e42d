import {
  AccountIdInput,
  InvoiceIdInput,
  InvoiceQueueInput,
  IssueInvoiceInput,
  RejectInvoiceInput,
  RequestInvoiceInput,
} from '../../../common/schemas.ts';
import {
  invoiceQueue,
  invoiceSummary,
  issueInvoice,
  listInvoices,
  rejectInvoice,
  requestInvoice,
} from '../../services/invoices/invoices.ts';
import { cancelInvoice } from '../../services/invoices/cancel.ts';
import { getInvoice } from '../../services/invoices/get.ts';
import { authedProcedure, router } from '../init.ts';

export const invoicesRouter = router({
  summary: authedProcedure
    .input(AccountIdInput)
    .query(({ ctx, input }) => invoiceSummary(ctx, input.accountId)),
  request: authedProcedure
    .input(RequestInvoiceInput)
    .mutation(({ ctx, input }) => requestInvoice(ctx, input)),
  list: authedProcedure
    .input(AccountIdInput)
    .query(({ ctx, input }) => listInvoices(ctx, input.accountId)),
  get: authedProcedure
    .input(InvoiceIdInput)
    .query(({ ctx, input }) => getInvoice(ctx, input.invoiceId)),
  cancel: authedProcedure
    .input(InvoiceIdInput)
    .mutation(({ ctx, input }) => cancelInvoice(ctx, input)),
  queue: authedProcedure
    .input(InvoiceQueueInput)
    .query(({ ctx, input }) => invoiceQueue(ctx, input)),
  issue: authedProcedure
    .input(IssueInvoiceInput)
    .mutation(({ ctx, input }) => issueInvoice(ctx, input)),
  reject: authedProcedure
    .input(RejectInvoiceInput)
    .mutation(({ ctx, input }) => rejectInvoice(ctx, input)),
});
