/**
 * Invoices for money actually paid in cash. The account row keeps two counters, both changed
 * only by the writer under the account's version compare-and-set:
 * - `invoiceable`: cash paid for cards and orders and spent on charges (overdue included once
 *   paid off), less cash refunded;
 * - `invoiceReserved`: invoices requested or issued.
 * A request must fit in what is left (invoiceable − reserved); a rejection gives its amount
 * back, as does the account cancelling a pending request. Voucher- and card-paid parts never
 * become invoiceable.
 */
import { and, desc, eq } from 'drizzle-orm';
import { DomainError, isDomainError } from '../../../common/errors.ts';
import { fieldIssue } from '../../../common/issues.ts';
import { BUYER_DETAILS, type BuyerDetail } from '../../../common/invoices.ts';
import { addFen, amountToFen, fenToAmount, subFen } from '../../../common/money.ts';
import type { Unit } from '../../writer/unit.ts';
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
import { invoiceView, type InvoiceRow, type InvoiceView } from './view.ts';

export type { InvoiceView } from './view.ts';

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

export async function listInvoices(ctx: ServiceContext, accountId: string): Promise<InvoiceView[]> {
  await requireReadableAccount(ctx, accountId);
  const rows = await ctx.database.db
    .select()
    .from(invoices)
    .where(eq(invoices.accountId, accountId))
    .orderBy(desc(invoices.requestedAtMs));
  return rows.map(invoiceView);
}

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

export async function issueInvoice(
  ctx: ServiceContext,
  input: { invoiceId: string; invoiceNumber: string },
): Promise<InvoiceView & { replayed: boolean }> {
  return closeInvoice(ctx, input.invoiceId, {
    status: 'issued',
    invoiceNumber: input.invoiceNumber,
  });
}

export async function rejectInvoice(
  ctx: ServiceContext,
  input: { invoiceId: string; reason: string },
): Promise<InvoiceView & { replayed: boolean }> {
  return closeInvoice(ctx, input.invoiceId, { status: 'rejected', reason: input.reason });
}

export type Decision =
  | { status: 'issued'; invoiceNumber: string }
  | { status: 'rejected'; reason: string }
  | { status: 'cancelled' };

/**
 * Closes a pending invoice request once: issued, rejected or cancelled. Every decision on an
 * invoice shares one idempotency key, so the same decision again replays and, when two
 * different ones race (in one process or across processes), exactly one commits; the other
 * is told the invoice is already decided. Rejecting or cancelling returns the amount to what
 * is available.
 */
export async function closeInvoice(
  ctx: ServiceContext,
  invoiceId: string,
  decision: Decision,
): Promise<InvoiceView & { replayed: boolean }> {
  const db = ctx.database.db;
  const row = await db.query.invoices.findFirst({ where: eq(invoices.id, invoiceId) });
  if (!row) {
    throw new DomainError('INVOICE_NOT_FOUND', `no invoice ${invoiceId}`, [], { invoiceId });
  }
  if (decision.status === 'cancelled') requireAccountWrite(ctx.actor, row.accountId);
  else requireRole(ctx.actor, ['operator']);
  // A different decision on a decided invoice is refused in words; the same one replays.
  const sameDecision =
    row.status === decision.status &&
    (decision.status !== 'issued' || row.invoiceNumber === decision.invoiceNumber);
  if (row.status !== 'requested' && !sameDecision) throw alreadyDecided(row);
  if (decision.status === 'issued') {
    const taken = await db.query.invoices.findFirst({
      where: eq(invoices.invoiceNumber, decision.invoiceNumber),
      columns: { id: true },
    });
    if (taken && taken.id !== row.id) throw numberTaken();
  }
  try {
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
        if (row.status !== 'requested') throw alreadyDecided(row);
        if (decision.status !== 'issued') {
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
        emitDecision(unit, decided);
        return invoiceView(decided);
      },
    });
    return { ...outcome.result, replayed: outcome.replayed };
  } catch (error) {
    // The decision key was taken meanwhile by another decision: that one won the race.
    if (isDomainError(error) && error.code === 'IDEMPOTENCY_CONFLICT') {
      const now = await db.query.invoices.findFirst({ where: eq(invoices.id, row.id) });
      throw alreadyDecided(now ?? row);
    }
    throw error;
  }
}

function alreadyDecided(row: InvoiceRow): DomainError {
  return new DomainError('INVOICE_DECIDED', `invoice ${row.id} is already ${row.status}`, [], {
    invoiceId: row.id,
    status: row.status,
  });
}

function numberTaken(): DomainError {
  return new DomainError('INVOICE_NUMBER_TAKEN', 'invoiceNumber: is already used', [
    fieldIssue('invoiceNumber', 'ALREADY_USED'),
  ]);
}

/** The event of a decision an account is told of: issued or rejected (a cancel is its own). */
function emitDecision(unit: Unit, row: InvoiceRow): void {
  const base = { invoiceId: row.id, amount: fenToAmount(row.amountFen) };
  if (row.status === 'issued') {
    unit.emit('invoice.issued', row.accountId, { ...base, invoiceNumber: row.invoiceNumber ?? '' });
  } else if (row.status === 'rejected') {
    unit.emit('invoice.rejected', row.accountId, { ...base, reason: row.rejectReason ?? '' });
  }
}
