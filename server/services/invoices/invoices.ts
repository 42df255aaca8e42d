/**
 * Invoices for money actually paid in cash. The account row keeps two counters, both changed
 * only by the writer under the account's version compare-and-set:
 * - `invoiceable`: cash paid for cards and orders and spent on charges (overdue included once
 *   paid off), less cash refunded;
 * - `invoiceReserved`: invoices requested or issued.
 * A request must fit in what is left (invoiceable − reserved); a rejection gives its amount
 * back. Voucher- and card-paid parts never become invoiceable.
 */
import { and, desc, eq } from 'drizzle-orm';
import { DomainError } from '../../../common/errors.ts';
import { fieldIssue } from '../../../common/issues.ts';
import { addFen, amountToFen, fenToAmount, subFen } from '../../../common/money.ts';
import { accounts, invoices } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { newId } from '../../ids.ts';
import {
  accountNotFound,
  requireAccountRead,
  requireAccountWrite,
  requireReadableAccount,
  requireRole,
} from '../access.ts';

type InvoiceRow = typeof invoices.$inferSelect;

export interface InvoiceView {
  readonly invoiceId: string;
  readonly accountId: string;
  readonly title: string;
  readonly taxId: string;
  readonly amount: string;
  readonly email: string;
  readonly type: InvoiceRow['type'];
  readonly status: InvoiceRow['status'];
  readonly invoiceNumber: string | null;
  readonly rejectReason: string | null;
  readonly requestedAtMs: number;
  readonly decidedAtMs: number | null;
}

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
  },
): Promise<InvoiceView & { replayed: boolean }> {
  requireAccountWrite(ctx.actor, input.accountId);
  const amountFen = amountToFen(input.amount);
  const outcome = await ctx.writer.submit({
    accountId: input.accountId,
    idempotency: {
      key: `invoice_request:${input.accountId}:${input.requestId}`,
      request: JSON.stringify([input.title, input.taxId, amountFen, input.email, input.type]),
    },
    apply: (unit, account) => {
      const availableFen = subFen(account.invoiceableFen, account.invoiceReservedFen);
      if (amountFen > availableFen) {
        const available = fenToAmount(availableFen);
        throw new DomainError(
          'INVOICE_ABOVE_INVOICEABLE',
          `amount: at most ${available} can be invoiced`,
          [fieldIssue('amount', 'ABOVE_LIMIT', { maxAmount: available })],
          { availableAmount: available },
        );
      }
      account.invoiceReservedFen = addFen(account.invoiceReservedFen, amountFen);
      account.touched = true;
      const row: InvoiceRow = {
        id: newId('inv'),
        accountId: account.id,
        requestId: input.requestId,
        title: input.title,
        taxId: input.taxId,
        amountFen,
        email: input.email,
        type: input.type,
        status: 'requested',
        invoiceNumber: null,
        rejectReason: null,
        requestedAtMs: unit.nowMs,
        decidedAtMs: null,
      };
      unit.insert(invoices, row);
      return invoiceView(row);
    },
  });
  return { ...outcome.result, replayed: outcome.replayed };
}

export async function listInvoices(ctx: ServiceContext, accountId: string): Promise<InvoiceView[]> {
  await requireReadableAccount(ctx, accountId);
  const rows = await ctx.database.db
    .select()
    .from(invoices)
    .where(eq(invoices.accountId, accountId))
    .orderBy(desc(invoices.requestedAtMs));
  return rows.map(invoiceView);
}

/** The operator's queue: by status (default: requested), oldest first. */
export async function invoiceQueue(
  ctx: ServiceContext,
  input: { status?: InvoiceRow['status'] | undefined; accountId?: string | undefined },
): Promise<InvoiceView[]> {
  requireRole(ctx.actor, ['operator']);
  const rows = await ctx.database.db
    .select()
    .from(invoices)
    .where(
      and(
        eq(invoices.status, input.status ?? 'requested'),
        input.accountId ? eq(invoices.accountId, input.accountId) : undefined,
      ),
    )
    .orderBy(invoices.requestedAtMs)
    .limit(500);
  return rows.map(invoiceView);
}

export async function issueInvoice(
  ctx: ServiceContext,
  input: { invoiceId: string; invoiceNumber: string },
): Promise<InvoiceView & { replayed: boolean }> {
  return decide(ctx, input.invoiceId, { status: 'issued', invoiceNumber: input.invoiceNumber });
}

export async function rejectInvoice(
  ctx: ServiceContext,
  input: { invoiceId: string; reason: string },
): Promise<InvoiceView & { replayed: boolean }> {
  return decide(ctx, input.invoiceId, { status: 'rejected', reason: input.reason });
}

type Decision =
  { status: 'issued'; invoiceNumber: string } | { status: 'rejected'; reason: string };

async function decide(
  ctx: ServiceContext,
  invoiceId: string,
  decision: Decision,
): Promise<InvoiceView & { replayed: boolean }> {
  requireRole(ctx.actor, ['operator']);
  const db = ctx.database.db;
  const row = await db.query.invoices.findFirst({ where: eq(invoices.id, invoiceId) });
  if (!row) {
    throw new DomainError('INVOICE_NOT_FOUND', `no invoice ${invoiceId}`, [], { invoiceId });
  }
  // A different decision on a decided invoice is refused in words; the same one replays.
  const sameDecision =
    row.status === decision.status &&
    (decision.status === 'rejected' || row.invoiceNumber === decision.invoiceNumber);
  if (row.status !== 'requested' && !sameDecision) throw invoiceDecided(row);
  if (decision.status === 'issued') {
    const taken = await db.query.invoices.findFirst({
      where: eq(invoices.invoiceNumber, decision.invoiceNumber),
      columns: { id: true },
    });
    if (taken && taken.id !== row.id) throw numberTaken();
  }
  const outcome = await ctx.writer.submit({
    accountId: row.accountId,
    // One decision per invoice: the first wins, the same one again is a replay.
    idempotency: { key: `invoice_decision:${row.id}`, request: JSON.stringify(decision) },
    // An invoice number is used once, also when two issues race for it.
    claims:
      decision.status === 'issued'
        ? [{ key: `invoice_number:${decision.invoiceNumber}`, taken: numberTaken }]
        : [],
    apply: (unit, account) => {
      if (row.status !== 'requested') throw invoiceDecided(row);
      if (decision.status === 'rejected') {
        account.invoiceReservedFen = subFen(account.invoiceReservedFen, row.amountFen);
      }
      account.touched = true;
      const decided: InvoiceRow = {
        ...row,
        status: decision.status,
        invoiceNumber: decision.status === 'issued' ? decision.invoiceNumber : null,
        rejectReason: decision.status === 'rejected' ? decision.reason : null,
        decidedAtMs: unit.nowMs,
      };
      unit.also(
        unit.db
          .update(invoices)
          .set({
            status: decided.status,
            invoiceNumber: decided.invoiceNumber,
            rejectReason: decided.rejectReason,
            decidedAtMs: decided.decidedAtMs,
          })
          .where(eq(invoices.id, row.id)),
      );
      return invoiceView(decided);
    },
  });
  return { ...outcome.result, replayed: outcome.replayed };
}

function numberTaken(): DomainError {
  return new DomainError('INVOICE_NUMBER_TAKEN', 'invoiceNumber: is already used', [
    fieldIssue('invoiceNumber', 'ALREADY_USED'),
  ]);
}

function invoiceDecided(row: InvoiceRow): DomainError {
  return new DomainError('INVOICE_DECIDED', `invoice ${row.id} is already ${row.status}`, [], {
    invoiceId: row.id,
    status: row.status,
  });
}

function invoiceView(row: InvoiceRow): InvoiceView {
  return {
    invoiceId: row.id,
    accountId: row.accountId,
    title: row.title,
    taxId: row.taxId,
    amount: fenToAmount(row.amountFen),
    email: row.email,
    type: row.type,
    status: row.status,
    invoiceNumber: row.invoiceNumber,
    rejectReason: row.rejectReason,
    requestedAtMs: row.requestedAtMs,
    decidedAtMs: row.decidedAtMs,
  };
}
