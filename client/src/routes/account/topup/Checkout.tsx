/**
 * The Alipay checkout of one top-up order: a link to the payment page, the same URL as a QR
 * code, and the order's status, asked every 2 seconds until it is paid (then the new
 * balance is shown) or closed. Polling stops when the component goes away. While it waits,
 * "check payment" asks the server to ask the provider now (cash.reconcileTopUp), for a
 * payment whose notification is late or lost.
 */
import QRCode from 'qrcode';
import { createResource, createSignal, onCleanup, onMount, Show } from 'solid-js';
import { cny, time } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';
import { api, errorMessage } from '../../../lib/trpc.ts';
import { Badge } from '../shared.tsx';

export type CreatedTopUp = Awaited<ReturnType<typeof api.cash.createTopUp.mutate>>;
type TopUpStatus = CreatedTopUp['status'];

const POLL_MS = 2_000;

export function Checkout(props: {
  order: CreatedTopUp;
  accountId: string;
  /** Called once the order is paid or closed. */
  onSettled?: () => void;
}) {
  const [status, setStatus] = createSignal<TopUpStatus>(props.order.status);
  const [balance, setBalance] = createSignal<string | null>(null);
  const [pollError, setPollError] = createSignal<unknown>(null);
  const [checking, setChecking] = createSignal(false);
  const [qr] = createResource(
    () => props.order.checkout.qrCode,
    (text) => QRCode.toDataURL(text, { margin: 1, width: 192 }),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const poll = async () => {
    try {
      const current = await api.cash.topUp.query({ orderId: props.order.orderId });
      if (stopped) return;
      setPollError(null);
      if (current.status === 'paid') await showPaid();
      else setStatus(current.status);
      if (current.status !== 'pending') {
        props.onSettled?.();
        return;
      }
    } catch (caught) {
      // A failed poll is shown but does not end the wait: the payment may still arrive.
      setPollError(caught);
    }
    if (!stopped) timer = setTimeout(poll, POLL_MS);
  };

  const showPaid = async () => {
    setStatus('paid');
    const account = await api.accounts.get.query({ accountId: props.accountId });
    setBalance(account.balance);
  };

  const recheck = async () => {
    setChecking(true);
    try {
      const current = await api.cash.reconcileTopUp.mutate({ orderId: props.order.orderId });
      setPollError(null);
      if (current.status === 'paid') await showPaid();
      else setStatus(current.status);
      if (current.status !== 'pending') props.onSettled?.();
    } catch (caught) {
      setPollError(caught);
    } finally {
      setChecking(false);
    }
  };

  onMount(() => {
    if (status() === 'pending') timer = setTimeout(poll, POLL_MS);
  });
  onCleanup(() => {
    stopped = true;
    clearTimeout(timer);
  });

  return (
    <div class="checkout" data-testid="topup-checkout">
      <h3>{t('topUp.checkoutTitle', { amount: cny(props.order.amount) })}</h3>
      <p class="muted small">
        {t('topUp.order', { id: props.order.orderId, time: time(props.order.expiresAtMs) })}
      </p>
      <div class="checkout-body">
        <Show when={qr.state === 'ready' ? qr() : undefined}>
          {(src) => (
            <img
              class="qr"
              src={src()}
              width="192"
              height="192"
              alt={t('topUp.qrAlt')}
              data-testid="topup-qr"
            />
          )}
        </Show>
        <div>
          <p>
            <a
              href={props.order.checkout.pageUrl}
              target="_blank"
              rel="noopener noreferrer"
              data-testid="topup-checkout-link"
            >
              {t('topUp.openCheckout')}
            </a>
          </p>
          <p role="status" aria-live="polite">
            {t('topUp.status')}{' '}
            <span data-testid="topup-status" data-status={status()}>
              <Badge status={status()} />
            </span>{' '}
            <Show when={status() === 'pending'}>
              <span class="muted">{t('topUp.waiting')}</span>
            </Show>
          </p>
          <Show when={status() === 'pending'}>
            <p>
              <button
                type="button"
                class="secondary"
                disabled={checking()}
                onClick={() => void recheck()}
                data-testid="topup-recheck"
              >
                {checking() ? t('payments.rechecking') : t('payments.recheck')}
              </button>
            </p>
          </Show>
          <Show when={balance()}>
            {(value) => (
              <p class="ok">
                {t('topUp.paid')} <strong data-testid="topup-balance">{cny(value())}</strong>
              </p>
            )}
          </Show>
          <Show when={status() === 'closed'}>
            <p class="warn">{t('topUp.closed')}</p>
          </Show>
          <Show when={pollError()}>
            {(caught) => (
              <p class="error" role="alert">
                {errorMessage(caught())}
              </p>
            )}
          </Show>
        </div>
      </div>
    </div>
  );
}
