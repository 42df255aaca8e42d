/**
 * The account's online top-up orders, newest first: what is still waiting for payment, what
 * was paid and what closed unpaid. Pages by the server's keyset cursor ("show more" appends
 * the next page); `version` changing reloads from the first page (after a new order, or an
 * order's status changed).
 */
import { createEffect, createSignal, For, on, Show } from 'solid-js';
import { cny, time } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';
import { api, errorMessage } from '../../../lib/trpc.ts';
import { Badge } from '../shared.tsx';

type TopUpPage = Awaited<ReturnType<typeof api.cash.listTopUps.query>>;
type TopUpOrder = TopUpPage['items'][number];

const PAGE_SIZE = 10;

export function TopUpOrders(props: { accountId: string; version: number }) {
  const [orders, setOrders] = createSignal<readonly TopUpOrder[] | null>(null);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [error, setError] = createSignal<unknown>(null);
  const [busy, setBusy] = createSignal(false);

  const load = async (after: string | null) => {
    setBusy(true);
    try {
      const page = await api.cash.listTopUps.query({
        accountId: props.accountId,
        limit: PAGE_SIZE,
        ...(after ? { cursor: after } : {}),
      });
      setOrders((shown) => [...(after && shown ? shown : []), ...page.items]);
      setCursor(page.nextCursor);
      setError(null);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  createEffect(on([() => props.accountId, () => props.version], () => void load(null)));

  return (
    <section class="card" aria-labelledby="topup-orders-title" data-testid="topup-orders">
      <h2 id="topup-orders-title">{t('topUpList.title')}</h2>
      <Show when={error()}>
        {(caught) => (
          <p class="error" role="alert">
            {errorMessage(caught())}
          </p>
        )}
      </Show>
      <Show when={orders()} fallback={<p class="muted">{t('common.loading')}</p>}>
        {(list) => (
          <Show
            when={list().length > 0}
            fallback={
              <p class="muted" data-testid="topup-orders-empty">
                {t('topUpList.empty')}
              </p>
            }
          >
            <div
              class="table-wrap"
              role="region"
              aria-label={t('topUpList.title')}
              // Focusable, so a keyboard can scroll the table sideways on a narrow screen.
              tabIndex={0}
            >
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('topUpList.order')}</th>
                    <th scope="col">{t('topUpList.createdAt')}</th>
                    <th scope="col" class="amount">
                      {t('topUpList.amount')}
                    </th>
                    <th scope="col">{t('topUpList.status')}</th>
                    <th scope="col">{t('topUpList.paidAt')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={list()}>
                    {(order) => (
                      <tr
                        data-testid="topup-order-row"
                        data-order-id={order.orderId}
                        data-status={order.status}
                      >
                        <td class="mono">{order.orderId}</td>
                        <td class="nowrap">{time(order.createdAtMs)}</td>
                        <td class="amount">{cny(order.amount)}</td>
                        <td>
                          <Badge status={order.status} />
                        </td>
                        <td class="nowrap">{time(order.paidAtMs)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
            <Show when={cursor()}>
              {(after) => (
                <button
                  type="button"
                  class="secondary"
                  disabled={busy()}
                  onClick={() => void load(after())}
                  data-testid="topup-orders-more"
                >
                  {t('topUpList.more')}
                </button>
              )}
            </Show>
          </Show>
        )}
      </Show>
    </section>
  );
}
