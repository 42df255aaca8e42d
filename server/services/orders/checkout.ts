/**
 * Paying a prepaid order, and refunding it.
 *
 * Checkout: the admin chooses whether prepaid cards pay; if so the usable cards pay what they
 * can, earliest expiry first, and cash pays the rest, which cash must cover — an order never
 * creates overdue, and vouchers never pay orders. That order is a row of the deduction table
 * (common/settlement/order.ts, ORDER_DEDUCTION) walked by the planner, as a charge's is. The
 * cash part becomes invoiceable.
 *
 * Refund (the platform, through an operator): only the cash-paid part returns, as cash
 * arriving (it pays any overdue first), by new ledger entries; what cards paid is
 * non-refundable. A refund that would take invoiceable cash below what was already invoiced
 * or requested is refused until those invoices are rejected.
 */
import { DomainError } from '../../../common/errors.ts';
import { addFen, fenToAmount, negateFen } from '../../../common/money.ts';
import { orderRule, type OrderSink } from '../../../common/settlement/order.ts';
import { planPayment, type PaymentPlan } from '../../../common/settlement/plan.ts';
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
  // The deduction table's order rule decides who pays (order.ts); this only applies it.
  const plan = planPayment(orderRule(useCards), {
    amountFen: order.amountFen,
    instruments: account.instruments(),
    cashFen: account.cashFen,
    nowMs: unit.nowMs,
  });
  if (plan.remainderFen > 0) throw cashShort(account.cashFen, plan);
  let cardsPaidFen = 0;
  let cashPaidFen = 0;
  const ref = {
    accountId: account.id,
    reason: 'order_payment',
    refType: 'order',
    refId: order.id,
  } as const;
  for (const part of plan.parts) {
    if (part.source === 'refused') continue;
    if (part.source === 'cash') {
      cashPaidFen = part.amountFen;
      account.spendCash(part.amountFen);
    } else {
      cardsPaidFen = addFen(cardsPaidFen, part.amountFen);
      account.spendInstrument(part.instrumentId, part.balanceFenAfter);
    }
    unit.ledger({
      ...ref,
      instrument: part.source,
      instrumentId: part.instrumentId,
      amountFen: negateFen(part.amountFen),
      balanceFenAfter: part.balanceFenAfter,
    });
  }
  const paid: OrderRow = {
    ...order,
    status: 'paid',
    cardsPaidFen,
    cashPaidFen,
    paidAtMs: unit.nowMs,
  };
  unit.update({
    kind: 'orderPaid',
    id: order.id,
    cardsPaidFen: paid.cardsPaidFen,
    cashPaidFen: paid.cashPaidFen,
    paidAtMs: unit.nowMs,
  });
  unit.emit('order.paid', account.id, {
    orderId: order.id,
    amount: fenToAmount(order.amountFen),
    cardsPaid: fenToAmount(paid.cardsPaidFen),
    cashPaid: fenToAmount(paid.cashPaidFen),
  });
  return orderView(paid);
}

/** Cash must cover what cards leave: an order never creates overdue. */
function cashShort(cashFen: number, plan: PaymentPlan<OrderSink>): DomainError {
  const cashPart = plan.parts.find((part) => part.source === 'cash');
  const requiredFen = addFen(cashPart?.amountFen ?? 0, plan.remainderFen);
  return new DomainError(
    'INSUFFICIENT_CASH',
    `cash ${fenToAmount(cashFen)} does not cover the ${fenToAmount(requiredFen)} cards leave`,
    [],
    {
      cashAmount: fenToAmount(cashFen),
      requiredAmount: fenToAmount(requiredFen),
      shortfallAmount: fenToAmount(plan.remainderFen),
    },
  );
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
      if (!account.withdrawInvoiceable(refundFen)) {
        throw new DomainError(
          'ALREADY_INVOICED',
          'the refund would take invoiceable cash below what was already invoiced; ' +
            'reject those invoices first',
        );
      }
      if (refundFen > 0) {
        receiveCash(unit, account, {
          amountFen: refundFen,
          reason: 'order_refund',
          refType: 'order_refund',
          refId: order.id,
        });
      }
      unit.update({
        kind: 'orderRefunded',
        id: order.id,
        refundedFen: refundFen,
        refundedAtMs: unit.nowMs,
      });
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
