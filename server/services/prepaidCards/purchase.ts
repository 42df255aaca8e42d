/**
 * An account admin buys prepaid cards with cash: one order of `quantity` cards of one
 * denomination (a multiple of 100, at least 100), paid from cash, which must cover it —
 * buying cards never creates overdue. The discount voucher of the highest tier the order
 * reaches is granted in the same atomic write. Idempotent on the admin's request id.
 * Cards can never be transferred, refunded or cashed out: no such path exists.
 */
import { DomainError } from '../../../common/errors.ts';
import { amountToFen, fenToAmount, negateFen, subFen } from '../../../common/money.ts';
import { quotePurchase, type PurchaseQuote } from '../../../common/tiers.ts';
import { addDaysMs, addYearsMs } from '../../../common/time.ts';
import { cardOrders } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { newId } from '../../ids.ts';
import { requireAccountWrite } from '../access.ts';
import { creditNewCard, creditNewVoucher } from '../vouchers/credit.ts';
import { voucherView, type VoucherView } from '../vouchers/view.ts';
import { cardView, type CardView } from './view.ts';

export function quoteCards(
  ctx: ServiceContext,
  input: { denomination: string; quantity: number },
): PurchaseQuote {
  const {
    totalFen: _total,
    tier: _tier,
    ...quote
  } = quotePurchase(ctx.config.discountTiers, amountToFen(input.denomination), input.quantity);
  return quote;
}

/** The configured discount-voucher tiers, lowest first, so the UI can name the next one. */
export function discountTiers(ctx: ServiceContext): { threshold: string; voucher: string }[] {
  return [...ctx.config.discountTiers]
    .sort((a, b) => (a.thresholdFen < b.thresholdFen ? -1 : 1))
    .map((tier) => ({
      threshold: fenToAmount(tier.thresholdFen),
      voucher: fenToAmount(tier.voucherFen),
    }));
}

export interface CardPurchase {
  readonly orderId: string;
  readonly total: string;
  readonly cards: readonly CardView[];
  readonly discountVoucher: VoucherView | null;
  readonly cashAfter: string;
  readonly replayed: boolean;
}

export async function purchaseCards(
  ctx: ServiceContext,
  input: { accountId: string; requestId: string; denomination: string; quantity: number },
): Promise<CardPurchase> {
  requireAccountWrite(ctx.actor, input.accountId);
  const denominationFen = amountToFen(input.denomination);
  const quote = quotePurchase(ctx.config.discountTiers, denominationFen, input.quantity);
  const outcome = await ctx.writer.submit({
    accountId: input.accountId,
    idempotency: {
      key: `card_purchase:${input.accountId}:${input.requestId}`,
      request: JSON.stringify([denominationFen, input.quantity]),
    },
    apply: (unit, account) => {
      if (account.cashFen < quote.totalFen) {
        throw new DomainError(
          'INSUFFICIENT_CASH',
          `cash ${fenToAmount(account.cashFen)} does not cover ${quote.total}`,
          [],
          {
            cashAmount: fenToAmount(account.cashFen),
            requiredAmount: quote.total,
            shortfallAmount: fenToAmount(subFen(quote.totalFen, account.cashFen)),
          },
        );
      }
      const orderId = newId('co');
      const cashAfter = account.spendCash(quote.totalFen);
      unit.ledger({
        accountId: account.id,
        instrument: 'cash',
        amountFen: negateFen(quote.totalFen),
        balanceFenAfter: cashAfter,
        reason: 'card_purchase',
        refType: 'card_order',
        refId: orderId,
      });
      const window = {
        validFromMs: unit.nowMs,
        expiresAtMs: addYearsMs(unit.nowMs, ctx.config.cardValidityYears),
      };
      const cards = Array.from({ length: input.quantity }, () =>
        creditNewCard(unit, account, {
          amountFen: denominationFen,
          window,
          source: 'cash_purchase',
          partnerId: null,
          sourceRef: orderId,
          reason: 'card_purchase',
        }),
      );
      const voucher = quote.tier
        ? creditNewVoucher(unit, account, {
            type: 'discount',
            amountFen: quote.tier.voucherFen,
            window: {
              validFromMs: unit.nowMs,
              expiresAtMs: addDaysMs(unit.nowMs, ctx.config.discountVoucherDays),
            },
            source: 'purchase_tier',
            sourceRef: orderId,
            reason: 'purchase_tier',
          })
        : null;
      unit.insert(cardOrders, {
        id: orderId,
        accountId: account.id,
        denominationFen,
        quantity: input.quantity,
        totalFen: quote.totalFen,
        tierVoucherId: voucher?.id ?? null,
        createdAtMs: unit.nowMs,
      });
      return {
        orderId,
        total: quote.total,
        cards: cards.map(cardView),
        discountVoucher: voucher ? voucherView(voucher) : null,
        cashAfter: fenToAmount(cashAfter),
      };
    },
  });
  return { ...outcome.result, replayed: outcome.replayed };
}
