/**
 * Top up cash: online with Alipay (an order, its checkout page and QR code, then the status
 * until it is paid or closed), or offline by bank transfer quoting the account's reference;
 * below, the account's top-up orders. The amount may come suggested in the address
 * (`?amount=5504.85`, from a purchase cash did not cover), and an overdue account is offered
 * what it owes. Viewers see the page read-only. When the server pays with the sandbox the
 * page says so in a banner; when no provider is configured it says that instead of offering
 * the form.
 */
import { useSearchParams } from '@solidjs/router';
import { createResource, createSignal, Match, Show, Switch } from 'solid-js';
import { amountToFen, normalizeAmountInput } from '../../../../common/money.ts';
import { MoneyInput, amountReason } from '../../components/MoneyInput.tsx';
import { cny } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';
import { canWrite } from '../../lib/session.ts';
import { api, errorMessage, issueFor } from '../../lib/trpc.ts';
import '../../account.css';
import { useAccountId, valueOr } from './shared.tsx';
import { BankTransfer } from './topup/BankTransfer.tsx';
import { Checkout, type CreatedTopUp } from './topup/Checkout.tsx';
import { TopUpOrders } from './topup/TopUpOrders.tsx';

/** A suggested amount from the address, if it is one the form would accept. */
function suggestedAmount(text: string | undefined): string {
  const amount = normalizeAmountInput(text ?? '');
  return amountReason(amount) === null ? amount : '';
}

function TopUpForm(props: {
  accountId: string;
  suggested: string;
  /** The account's overdue debt; "0.00" when none. */
  overdue: string;
  onCreated: (order: CreatedTopUp) => void;
}) {
  const [amount, setAmount] = createSignal(props.suggested);
  const [attempted, setAttempted] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<unknown>(null);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (amountReason(amount()) !== null) return;
    setBusy(true);
    setError(null);
    try {
      props.onCreated(
        await api.cash.createTopUp.mutate({ accountId: props.accountId, amount: amount() }),
      );
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-labelledby="topup-online-title" data-testid="topup-form">
      <Show when={amountToFen(props.overdue) > 0}>
        <div class="notice refusal" data-testid="topup-owed">
          <p>{t('topUpForm.owes', { overdue: cny(props.overdue) })}</p>
          <button
            type="button"
            class="secondary"
            onClick={() => {
              setAmount(props.overdue);
              setError(null);
            }}
            data-testid="topup-pay-owed"
          >
            {t('topUpForm.payOwed', { overdue: cny(props.overdue) })}
          </button>
        </div>
      </Show>
      <MoneyInput
        label={t('topUp.amount')}
        name="amount"
        id="topup-amount"
        value={amount()}
        onInput={(value) => {
          setAmount(value);
          setError(null);
        }}
        error={issueFor(error(), 'amount')}
        touched={attempted()}
      />
      <Show when={error() && !issueFor(error(), 'amount')}>
        <p class="error" role="alert">
          {errorMessage(error())}
        </p>
      </Show>
      <div>
        <button type="submit" disabled={busy()} data-testid="topup-submit">
          {busy() ? t('topUp.creating') : t('topUp.submit')}
        </button>
      </div>
    </form>
  );
}

/** The sandbox banner, or the "not configured" note; nothing for real Alipay. */
function PaymentModeNote(props: { mode: 'alipay' | 'sandbox' | 'not_configured' | undefined }) {
  return (
    <Switch>
      <Match when={props.mode === 'sandbox'}>
        <p class="notice" role="note" data-testid="topup-sandbox-banner">
          <strong>{t('payments.sandboxBanner')}</strong> {t('payments.sandboxHint')}
        </p>
      </Match>
      <Match when={props.mode === 'not_configured'}>
        <p class="notice" role="note" data-testid="topup-not-configured">
          {t('payments.notConfigured')}
        </p>
      </Match>
    </Switch>
  );
}

export default function TopUp() {
  const accountId = useAccountId();
  const [search] = useSearchParams<{ amount?: string }>();
  const [order, setOrder] = createSignal<CreatedTopUp | null>(null);
  const [payments] = createResource(() => api.cash.paymentMode.query());
  const mode = () => (payments.state === 'ready' ? payments().mode : undefined);
  /** Bumped when an order is created or settles, so the list shows it. */
  const [ordersVersion, setOrdersVersion] = createSignal(0);
  const reloadOrders = () => setOrdersVersion((n) => n + 1);
  const [account] = createResource(accountId, (id) => api.accounts.get.query({ accountId: id }));

  return (
    <section class="account-page" aria-labelledby="topup-title">
      <h1 id="topup-title">{t('topUp.title')}</h1>
      <div class="two-columns">
        <div class="card">
          <h2 id="topup-online-title">{t('topUp.onlineTitle')}</h2>
          <PaymentModeNote mode={mode()} />
          <Show
            when={canWrite(accountId()) && mode() !== 'not_configured'}
            fallback={
              <Show when={!canWrite(accountId())}>
                <p class="muted" data-testid="topup-readonly">
                  {t('topUp.readOnly')}
                </p>
              </Show>
            }
          >
            <p class="muted">{t('topUp.onlineHint')}</p>
            <Show when={account.state !== 'unresolved' && account.state !== 'pending'}>
              <TopUpForm
                accountId={accountId()}
                suggested={suggestedAmount(search.amount)}
                overdue={valueOr(account, undefined)?.overdue ?? '0.00'}
                onCreated={(created) => {
                  setOrder(created);
                  reloadOrders();
                }}
              />
            </Show>
          </Show>
          <Show when={order()} keyed>
            {(created) => (
              <Checkout order={created} accountId={accountId()} onSettled={reloadOrders} />
            )}
          </Show>
        </div>
        <BankTransfer accountId={accountId()} />
      </div>
      <TopUpOrders accountId={accountId()} version={ordersVersion()} />
    </section>
  );
}
