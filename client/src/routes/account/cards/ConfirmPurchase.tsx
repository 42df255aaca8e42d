/** The confirm step of a card purchase, and what the purchase bought. */
import { Show } from 'solid-js';
import { TierPreview } from '../../../components/TierPreview.tsx';
import { cny, time } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';
import { api } from '../../../lib/trpc.ts';
import type { Quote } from '../shared.tsx';

export type Purchase = Awaited<ReturnType<typeof api.prepaidCards.purchase.mutate>>;

export function ConfirmPurchase(props: {
  quote: Quote;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <div
      class="confirm-box"
      role="group"
      aria-labelledby="confirm-title"
      data-testid="cards-confirm-step"
    >
      <h3 id="confirm-title">{t('cards.confirmTitle')}</h3>
      <p data-testid="cards-confirm-summary">
        {t('cards.confirmSummary', {
          quantity: props.quote.quantity,
          denomination: cny(props.quote.denomination),
          total: cny(props.quote.total),
        })}
      </p>
      <TierPreview quote={props.quote} />
      <div class="actions">
        <button
          type="button"
          disabled={props.busy}
          onClick={() => props.onConfirm()}
          data-testid="cards-confirm"
        >
          {props.busy ? t('cards.buying') : t('cards.confirm', { total: cny(props.quote.total) })}
        </button>
        <button
          type="button"
          class="secondary"
          disabled={props.busy}
          onClick={() => props.onCancel()}
          data-testid="cards-cancel"
        >
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}

export function PurchaseResult(props: { purchase: Purchase }) {
  return (
    <div class="ok" role="status" data-testid="cards-result">
      <p>
        {t('cards.bought', {
          n: props.purchase.cards.length,
          total: cny(props.purchase.total),
          cash: cny(props.purchase.cashAfter),
        })}
      </p>
      <Show when={props.purchase.discountVoucher}>
        {(voucher) => (
          <p data-testid="cards-result-voucher">
            {t('cards.boughtVoucher', {
              number: voucher().number,
              amount: cny(voucher().denomination),
              until: time(voucher().expiresAtMs),
            })}
          </p>
        )}
      </Show>
    </div>
  );
}
