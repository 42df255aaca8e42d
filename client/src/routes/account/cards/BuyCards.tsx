/**
 * *Buy cards*: denomination and quantity, validated with the API's own schema; the total
 * and the discount voucher the order earns are quoted by the server (debounced) and shown
 * before the admin confirms. Cash must cover the order (cards never create overdue), so an
 * order above what cash covers cannot be confirmed: the form says so and offers the top-up
 * that would cover it. One request id per order content, so retrying a purchase whose answer
 * was lost replays it instead of buying twice.
 */
import { A } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { addFen, amountToFen, fenToAmount, subFen } from '../../../../../common/money.ts';
import * as v from 'valibot';
import { QuoteCardsInput } from '../../../../../common/schemas.ts';
import { MoneyInput, reasonText } from '../../../components/MoneyInput.tsx';
import { TierPreview } from '../../../components/TierPreview.tsx';
import { cny } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';
import { api, errorMessage, issueFor } from '../../../lib/trpc.ts';
import { domainCode } from '../shared.tsx';
import { ConfirmPurchase, PurchaseResult, type Purchase } from './ConfirmPurchase.tsx';
import { QuantityField } from './QuantityField.tsx';
import { createQuote } from './quote.ts';

function toQuantity(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

/**
 * How much more has to arrive before cash covers `total`, or null if it covers it already.
 * Money arriving pays the overdue debt first, so the debt is part of what is missing.
 */
export function cashShortfall(total: string, cash: string, overdue: string): string | null {
  const missingFen = subFen(addFen(amountToFen(total), amountToFen(overdue)), amountToFen(cash));
  return missingFen > 0 ? fenToAmount(missingFen) : null;
}

export function BuyCards(props: {
  accountId: string;
  /** The account's cash and overdue debt; null while they load. */
  cash: string | null;
  overdue: string | null;
  onPurchased: () => void;
}) {
  const [denomination, setDenomination] = createSignal('100');
  const [quantity, setQuantity] = createSignal('1');
  const [confirming, setConfirming] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<unknown>(null);
  const [result, setResult] = createSignal<Purchase | null>(null);
  let pending: { key: string; requestId: string } | null = null;

  const input = () => ({ denomination: denomination(), quantity: toQuantity(quantity()) });
  const check = () => v.safeParse(QuoteCardsInput, input());
  const { quote, quoteError } = createQuote(check);
  const [tiers] = createResource(async () =>
    (await api.prepaidCards.tiers.query()).map((tier) => ({
      thresholdFen: amountToFen(tier.threshold),
      voucherFen: amountToFen(tier.voucher),
    })),
  );
  const localIssue = (field: string) => {
    const checked = check();
    if (checked.success) return undefined;
    const issue = checked.issues.find((i) => i.path?.[0]?.key === field);
    return issue ? reasonText(issue) : undefined;
  };
  const insufficient = () =>
    domainCode(error()) === 'INSUFFICIENT_CASH'
      ? t('cards.insufficientCash', { cash: cny(props.cash ?? '0') })
      : undefined;
  const shortfall = () => {
    const quoted = quote();
    if (!quoted || props.cash === null) return null;
    return cashShortfall(quoted.total, props.cash, props.overdue ?? '0');
  };
  const fieldError = (field: string) =>
    issueFor(error(), field) ?? issueFor(quoteError(), field) ?? localIssue(field);
  const belongsToField = (e: unknown) =>
    issueFor(e, 'denomination') ?? issueFor(e, 'quantity') ?? domainCode(e) === 'INSUFFICIENT_CASH';
  const otherError = () => [error(), quoteError()].find((e) => e && !belongsToField(e));

  const edit = (set: (value: string) => void) => (value: string) => {
    set(value);
    setError(null);
    setResult(null);
    setConfirming(false);
  };

  const purchase = async () => {
    const checked = check();
    if (!checked.success) return;
    const key = `${checked.output.denomination}x${checked.output.quantity}`;
    if (pending?.key !== key) pending = { key, requestId: crypto.randomUUID() };
    setBusy(true);
    setError(null);
    try {
      const bought = await api.prepaidCards.purchase.mutate({
        accountId: props.accountId,
        requestId: pending.requestId,
        ...checked.output,
      });
      pending = null;
      setResult(bought);
      setConfirming(false);
      props.onPurchased();
    } catch (caught) {
      setError(caught);
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="card"
      aria-labelledby="buy-title"
      onSubmit={(event) => {
        event.preventDefault();
        if (quote() && check().success && !shortfall()) setConfirming(true);
      }}
    >
      <h2 id="buy-title">{t('cards.buyTitle')}</h2>
      <p class="notice" role="note" data-testid="cards-note">
        {t('cards.note')}
      </p>
      <div class="inline-form">
        <MoneyInput
          label={t('cards.denominationLabel')}
          name="denomination"
          id="cards-denomination"
          value={denomination()}
          onInput={edit(setDenomination)}
          error={fieldError('denomination')}
          disabled={confirming()}
        />
        <QuantityField
          value={quantity()}
          onInput={edit(setQuantity)}
          error={fieldError('quantity') ?? insufficient()}
          disabled={confirming()}
        />
      </div>
      <Show when={props.cash !== null}>
        <p class="muted small">{t('cards.cashAvailable', { cash: cny(props.cash ?? '0') })}</p>
      </Show>
      <Show when={!confirming()}>
        <Show
          when={quote()}
          fallback={
            <p class="muted" data-testid="cards-quote-pending">
              {check().success && !quoteError() ? t('cards.quoting') : t('cards.quoteHint')}
            </p>
          }
        >
          {(quoted) => <TierPreview quote={quoted()} tiers={tiers() ?? []} />}
        </Show>
      </Show>
      <Show when={otherError()}>
        {(caught) => (
          <p class="error" role="alert">
            {errorMessage(caught())}
          </p>
        )}
      </Show>
      <Show when={shortfall()}>
        {(missing) => (
          <AboveCash
            accountId={props.accountId}
            total={quote()?.total ?? '0'}
            cash={props.cash ?? '0'}
            overdue={props.overdue ?? '0'}
            missing={missing()}
          />
        )}
      </Show>
      <Show
        when={confirming() ? quote() : null}
        fallback={
          <div>
            <button
              type="submit"
              disabled={!quote() || shortfall() !== null}
              aria-describedby={shortfall() ? 'cards-above-cash' : undefined}
              data-testid="cards-review"
            >
              {t('cards.review')}
            </button>
          </div>
        }
      >
        {(quoted) => (
          <ConfirmPurchase
            quote={quoted()}
            busy={busy() || shortfall() !== null}
            onConfirm={() => void purchase()}
            onCancel={() => setConfirming(false)}
          />
        )}
      </Show>
      <Show when={result()}>{(bought) => <PurchaseResult purchase={bought()} />}</Show>
    </form>
  );
}

/** Why the order cannot be bought, and the way out: the top-up that would cover it. */
function AboveCash(props: {
  accountId: string;
  total: string;
  cash: string;
  overdue: string;
  missing: string;
}) {
  const owes = () => amountToFen(props.overdue) > 0;
  return (
    <div class="notice refusal" id="cards-above-cash" role="status" data-testid="cards-above-cash">
      <p>
        {t(owes() ? 'cardsForm.aboveCashOverdue' : 'cardsForm.aboveCash', {
          total: cny(props.total),
          cash: cny(props.cash),
          overdue: cny(props.overdue),
        })}
      </p>
      <A
        class="button"
        href={`/accounts/${props.accountId}/topup?amount=${props.missing}`}
        data-testid="cards-top-up"
      >
        {t('cardsForm.topUp', { amount: cny(props.missing) })}
      </A>
    </div>
  );
}
