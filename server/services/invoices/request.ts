/**
 * An account requests an invoice within what is invoiceable and not yet reserved; idempotent
 * on its request id.
 */
import { DomainError } from '../../../common/errors.ts';
import { fieldIssue } from '../../../common/issues.ts';
import { BUYER_DETAILS, type BuyerDetail } from '../../../common/invoices.ts';
import { amountToFen, fenToAmount } from '../../../common/money.ts';
import { invoices } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { newId } from '../../ids.ts';
import { requireAccountWrite } from '../access.ts';
import { invoiceView, type InvoiceRow, type InvoiceView } from './view.ts';

export async function requestInvoice(
  ctx: ServiceContext,
  input: {
    accountId: string;
    requestId: string;
    title: string;
    taxId: string;
    amount: string;
    email: string;
    type: InvoiceRow['type'];
  } & Partial<Record<BuyerDetail, string | undefined>>,
): Promise<InvoiceView & { replayed: boolean }> {
  requireAccountWrite(ctx.actor, input.accountId);
  const amountFen = amountToFen(input.amount);
  const details = BUYER_DETAILS.map((field) => input[field] ?? null);
  // Requests without buyer details keep the canonical form they had before those existed.
  const canonical = [input.title, input.taxId, amountFen, input.email, input.type];
  const outcome = await ctx.writer.submit({
    accountId: input.accountId,
    idempotency: {
      key: `invoice_request:${input.accountId}:${input.requestId}`,
      request: JSON.stringify(
        details.some((d) => d !== null) ? [...canonical, ...details] : canonical,
      ),
    },
    apply: (unit, account) => {
      const availableFen = account.invoiceAvailableFen();
      if (amountFen > availableFen) {
        const available = fenToAmount(availableFen);
        throw new DomainError(
          'INVOICE_ABOVE_INVOICEABLE',
          `amount: at most ${available} can be invoiced`,
          [fieldIssue('amount', 'ABOVE_LIMIT', { maxAmount: available })],
          { availableAmount: available },
        );
      }
      account.reserveInvoiceable(amountFen);
      const row: InvoiceRow = {
        id: newId('inv'),
        accountId: account.id,
        requestId: input.requestId,
        title: input.title,
        taxId: input.taxId,
        amountFen,
        email: input.email,
        type: input.type,
        address: input.address ?? null,
        phone: input.phone ?? null,
        bankName: input.bankName ?? null,
        bankAccount: input.bankAccount ?? null,
        status: 'requested',
        invoiceNumber: null,
        rejectReason: null,
        requestedAtMs: unit.nowMs,
        decidedAtMs: null,
      };
      unit.insert(invoices, row);
      unit.emit('invoice.requested', account.id, {
        invoiceId: row.id,
        amount: fenToAmount(amountFen),
        type: row.type,
      });
      return invoiceView(row);
    },
  });
  return { ...outcome.result, replayed: outcome.replayed };
}
