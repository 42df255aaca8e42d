/**
 * A prepaid order is paid by a row of the deduction table, walked by the same planner as a
 * charge: cards earliest expiry first, then cash; never vouchers, never overdue — what cash
 * cannot cover is refused. Checkout (server/services/orders/checkout.ts) only applies this
 * plan, so these rows are the order's rules.
 */
import { describe, expect, it } from 'vitest';
import { ORDER_DEDUCTION, orderRule } from '../../common/settlement/order.ts';
import { planPayment, type InstrumentSnapshot } from '../../common/settlement/plan.ts';
import { DAY_MS } from '../../common/time.ts';

const NOW_MS = Date.UTC(2026, 10, 26, 4, 0, 0);

function instrument(
  number: string,
  kind: InstrumentSnapshot['kind'],
  balanceFen: number,
  expiresInDays: number,
): InstrumentSnapshot {
  return Object.freeze({
    id: `id-${number}`,
    number,
    kind,
    status: 'active',
    balanceFen,
    validFromMs: NOW_MS - DAY_MS,
    expiresAtMs: NOW_MS + expiresInDays * DAY_MS,
    activatedAtMs: NOW_MS - DAY_MS,
  });
}

const WALLET = Object.freeze([
  instrument('V1', 'regular_voucher', 10_000, 1),
  instrument('D1', 'discount_voucher', 10_000, 1),
  instrument('CL', 'prepaid_card', 300, 90),
  instrument('CE', 'prepaid_card', 200, 30),
]);

function paidBy(useCards: boolean, amountFen: number, cashFen: number): string[] {
  const plan = planPayment(orderRule(useCards), {
    amountFen,
    instruments: WALLET,
    cashFen,
    nowMs: NOW_MS,
  });
  return plan.parts.map((part) => `${part.instrumentNumber ?? part.source}=${part.amountFen}`);
}

describe('the order rows of the deduction table', () => {
  it('lists cards then cash, or cash alone, and refuses the rest', () => {
    expect(ORDER_DEDUCTION).toEqual({
      cards_then_cash: { payWith: ['prepaid_card', 'cash'], remainder: 'refused' },
      cash_only: { payWith: ['cash'], remainder: 'refused' },
    });
  });

  it('pays with cards earliest expiry first, then cash, never vouchers', () => {
    expect(paidBy(true, 1_000, 5_000)).toEqual(['CE=200', 'CL=300', 'cash=500']);
  });

  it('pays with cash alone when cards may not pay', () => {
    expect(paidBy(false, 1_000, 5_000)).toEqual(['cash=1000']);
  });

  it('leaves what cash cannot cover as refused, never as overdue', () => {
    expect(paidBy(true, 1_000, 100)).toEqual(['CE=200', 'CL=300', 'cash=100', 'refused=400']);
  });
});
