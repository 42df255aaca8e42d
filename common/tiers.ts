/**
 * Discount-voucher tiers of a prepaid-card purchase order: the highest tier whose threshold
 * the order's total reaches earns its voucher. Pure, so the client shows the same tier the
 * server grants.
 */
import { fenToAmount, isMultipleOfFen, timesFen } from './money.ts';

export interface DiscountTier {
  readonly thresholdFen: number;
  readonly voucherFen: number;
}

/** Card denominations: whole hundreds of CNY, at least 100. */
export const CARD_STEP_FEN = 10_000;
export const MAX_CARDS_PER_ORDER = 100;

export function isCardDenomination(fen: number): boolean {
  return fen >= CARD_STEP_FEN && isMultipleOfFen(fen, CARD_STEP_FEN);
}

export function tierFor(tiers: readonly DiscountTier[], totalFen: number): DiscountTier | null {
  let best: DiscountTier | null = null;
  for (const tier of tiers) {
    if (totalFen >= tier.thresholdFen && (!best || tier.thresholdFen > best.thresholdFen)) {
      best = tier;
    }
  }
  return best;
}

export interface PurchaseQuote {
  readonly denomination: string;
  readonly quantity: number;
  readonly total: string;
  /** The discount voucher this order earns, or null below the lowest tier. */
  readonly discountVoucher: string | null;
  readonly tierThreshold: string | null;
}

export function quotePurchase(
  tiers: readonly DiscountTier[],
  denominationFen: number,
  quantity: number,
): PurchaseQuote & { totalFen: number; tier: DiscountTier | null } {
  const totalFen = timesFen(denominationFen, quantity);
  const tier = tierFor(tiers, totalFen);
  return {
    denomination: fenToAmount(denominationFen),
    quantity,
    total: fenToAmount(totalFen),
    discountVoucher: tier ? fenToAmount(tier.voucherFen) : null,
    tierThreshold: tier ? fenToAmount(tier.thresholdFen) : null,
    totalFen,
    tier,
  };
}
