/**
 * Paying a prepaid order, and refunding it.
 *
 * Checkout: the admin chooses whether prepaid cards pay; if so the usable cards pay what they
 * can, earliest expiry first, and cash pays the rest, which cash must cover — an order never
 * creates overdue, and vouchers never pay orders. The cash part becomes invoiceable.
 *
 * Refund (the platform, through an operator): only the cash-paid part returns, as cash
 * arriving (it pays any overdue first), by new ledger entries; what cards paid is
 * non-refundable. A refund that would take invoiceable cash below what was already invoiced
 * or requested is refused until those invoices are rejected.
 */
import { eq } from 'drizzle-orm';
import { DomainError } from '../../../common/errors.ts';
import { addFen, fenToAmount, minFen, negateFen, subFen } from '../../../common/money.ts';
import { compareForDeduction, isUsable } from '../../../common/settlement/plan.ts';
import { prepaidOrders } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import type { AccountState, Unit } from '../../writer/unit.ts';
import { requireAccountWrite, requireRole } from '../access.ts';
import { receiveCash } from '../cash/arrival.ts';
import { loadOrder } from './create.ts';
import { orderView, type OrderRow, type OrderView } from './view.ts';

export async function checkoutOrder(
  ctx: ServiceContext,
  input: { orderId: string; useCards: boolean },
): Promise<OrderView & { replayed: boolean }> {
  const order = await loadOrder(ctx, input.orderId);
  requireAccountWrite(ctx.actor, order.accountId);
  const outcome = await ctx.writer.submit({
    accountId: order.accountId,
    idempotency: {
      key: `order_checkout:${order.id}`,
      request: JSON.stringify([input.useCards]),
    },
    apply: (unit, account) => payOrder(unit, account, order, input.useCards),
  });
  return { ...outcome.result, replayed: outcome.replayed };
}

function payOrder(
  unit: Unit,
  account: AccountState,
  order: OrderRow,
  useCards: boolean,
): OrderView {
  if (order.status !== 'open') {
    throw new DomainError('ORDER_NOT_OPEN', `order ${order.id} is ${order.status}`, [], {
      orderId: order.id,
      status: order.status,
    });
  }
  const cards = useCards
    ? account
        .instruments()
        .filter((i) => i.kind === 'prepaid_card' && isUsable(i, unit.nowMs))
        .sort(compareForDeduction)
    : [];
  let dueFen = order.amountFen;
  const cardParts: { id: string; amountFen: number; balanceFenAfter: number }[] = [];
  for (const card of cards) {
    if (dueFen === 0) break;
    const amountFen = minFen(dueFen, card.balanceFen);
    dueFen = subFen(dueFen, amountFen);
    cardParts.push({ id: card.id, amountFen, balanceFenAfter: subFen(card.balanceFen, amountFen) });
  }
  if (account.cashFen < dueFen) {
    throw new DomainError(
      'INSUFFICIENT_CASH',
      `cash ${fenToAmount(account.cashFen)} does not cover the ${fenToAmount(dueFen)} cards leave`,
      [],
      {
        cashAmount: fenToAmount(account.cashFen),
        requiredAmount: fenToAmount(dueFen),
        shortfallAmount: fenToAmount(subFen(dueFen, account.cashFen)),
      },
    );
  }
  const ref = { accountId: account.id, reason: 'order_payment', refType: 'order', refId: order.id };
  for (const part of cardParts) {
    account.setInstrumentBalance(part.id, part.balanceFenAfter);
    unit.ledger({
      ...ref,
      instrument: 'prepaid_card',
      instrumentId: part.id,
      amountFen: negateFen(part.amountFen),
      balanceFenAfter: part.balanceFenAfter,
    });
  }
  if (dueFen > 0) {
    const cashAfter = account.spendCash(dueFen);
    unit.ledger({
      ...ref,
      instrument: 'cash',
      amountFen: negateFen(dueFen),
      balanceFenAfter: cashAfter,
    });
  }
  const paid: OrderRow = {
    ...order,
    status: 'paid',
    cardsPaidFen: subFen(order.amountFen, dueFen),
    cashPaidFen: dueFen,
    paidAtMs: unit.nowMs,
  };
  unit.also(
    unit.db
      .update(prepaidOrders)
      .set({
        status: 'paid',
        cardsPaidFen: paid.cardsPaidFen,
        cashPaidFen: dueFen,
        paidAtMs: unit.nowMs,
      })
      .where(eq(prepaidOrders.id, order.id)),
  );
  unit.emit('order.paid', account.id, {
    orderId: order.id,
    amount: fenToAmount(order.amountFen),
    cardsPaid: fenToAmount(paid.cardsPaidFen),
    cashPaid: fenToAmount(dueFen),
  });
  return orderView(paid);
}

export async function refundOrder(
  ctx: ServiceContext,
  input: { orderId: string },
): Promise<OrderView & { replayed: boolean }> {
  requireRole(ctx.actor, ['operator']);
  const order = await loadOrder(ctx, input.orderId);
  if (order.status === 'open') {
    throw new DomainError('ORDER_NOT_PAID', `order ${order.id} has not been paid`, [], {
      orderId: order.id,
    });
  }
  const outcome = await ctx.writer.submit({
    accountId: order.accountId,
    idempotency: { key: `order_refund:${order.id}`, request: '[]' },
    apply: (unit, account) => {
      const refundFen = order.cashPaidFen;
      // Refunded cash is no longer invoiceable; what of it pays off overdue becomes so again.
      const repaysFen = minFen(refundFen, account.overdueFen);
      const invoiceableAfter = subFen(account.invoiceableFen, refundFen);
      if (addFen(invoiceableAfter, repaysFen) < account.invoiceReservedFen) {
        throw new DomainError(
          'ALREADY_INVOICED',
          'the refund would take invoiceable cash below what was already invoiced; ' +
            'reject those invoices first',
        );
      }
      account.invoiceableFen = invoiceableAfter;
      if (refundFen > 0) {
        receiveCash(unit, account, {
          amountFen: refundFen,
          reason: 'order_refund',
          refType: 'order_refund',
          refId: order.id,
        });
      }
      account.touched = true;
      unit.also(
        unit.db
          .update(prepaidOrders)
          .set({ status: 'refunded', refundedFen: refundFen, refundedAtMs: unit.nowMs })
          .where(eq(prepaidOrders.id, order.id)),
      );
      return orderView({
        ...order,
        status: 'refunded',
        refundedFen: refundFen,
        refundedAtMs: unit.nowMs,
      });
    },
  });
  return { ...outcome.result, replayed: outcome.replayed };
}
