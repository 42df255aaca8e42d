/** Closing a pending invoice request once: issued, rejected or cancelled. */
import { eq } from 'drizzle-orm';
import { DomainError, isDomainError } from '../../../common/errors.ts';
import { fieldIssue } from '../../../common/issues.ts';
import { fenToAmount } from '../../../common/money.ts';
import { invoices } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import type { Unit } from '../../writer/unit.ts';
import { requireAccountWrite, requireRole } from '../access.ts';
import { invoiceView, type InvoiceRow, type InvoiceView } from './view.ts';

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
        if (decision.status !== 'issued') account.releaseInvoiceable(row.amountFen);
        const decided: InvoiceRow = {
          ...row,
          status: decision.status,
          invoiceNumber: decision.status === 'issued' ? decision.invoiceNumber : null,
          rejectReason: decision.status === 'rejected' ? decision.reason : null,
          decidedAtMs: unit.nowMs,
        };
        unit.update({
          kind: 'invoiceDecided',
          id: row.id,
          status: decision.status,
          invoiceNumber: decided.invoiceNumber,
          rejectReason: decided.rejectReason,
          decidedAtMs: unit.nowMs,
        });
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
