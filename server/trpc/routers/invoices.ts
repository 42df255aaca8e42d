import {
  AccountIdInput,
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
