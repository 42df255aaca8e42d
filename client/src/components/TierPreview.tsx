/**
 * What a prepaid-card order earns, shown before the admin confirms: "Total ¥30,000.00 —
 * earns a ¥5,000.00 discount voucher", or "no discount voucher". The quote comes from the
 * server (the same `quotePurchase` it grants with). When the tiers are known the next tier
 * is named too; the API does not list them, so pages may not have them.
 */
import { Show } from 'solid-js';
import { amountToFen, fenToAmount } from '../../../common/money.ts';
import type { DiscountTier } from '../../../common/tiers.ts';
import { cny } from '../lib/format.ts';
import { t } from '../lib/i18n.ts';
import '../account.css';

export interface TierQuote {
  readonly total: string;
  readonly discountVoucher: string | null;
  readonly tierThreshold: string | null;
}

/** The lowest tier above `totalFen`, or null when the order already reaches the top. */
export function nextTier(tiers: readonly DiscountTier[], totalFen: number): DiscountTier | null {
  let next: DiscountTier | null = null;
  for (const tier of tiers) {
    if (tier.thresholdFen > totalFen && (!next || tier.thresholdFen < next.thresholdFen)) {
      next = tier;
    }
  }
  return next;
}

export function TierPreview(props: { quote: TierQuote; tiers?: readonly DiscountTier[] }) {
  const next = () => (props.tiers ? nextTier(props.tiers, amountToFen(props.quote.total)) : null);
  return (
    <p class="tier-preview" data-testid="tier-preview">
      {t('components.tier.total')}{' '}
      <strong class="amount" data-testid="cards-quote-total">
        {cny(props.quote.total)}
      </strong>
      {' — '}
      <Show
        when={props.quote.discountVoucher}
        fallback={
          <span class="muted" data-testid="cards-quote-voucher" data-voucher="none">
            {t('components.tier.none')}
          </span>
        }
      >
        {(voucher) => (
          <span class="ok" data-testid="cards-quote-voucher" data-voucher={voucher()}>
            {t('components.tier.earns', {
              voucher: cny(voucher()),
              threshold: cny(props.quote.tierThreshold ?? props.quote.total),
            })}
          </span>
        )}
      </Show>
      <Show when={next()}>
        {(tier) => (
          <span class="muted next-tier" data-testid="cards-quote-next">
            {' '}
            {t('components.tier.next', {
              threshold: cny(fenToAmount(tier().thresholdFen)),
              voucher: cny(fenToAmount(tier().voucherFen)),
            })}
          </span>
        )}
      </Show>
    </p>
  );
}
