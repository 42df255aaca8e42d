/**
 * An endpoint's delivery log, newest first: the event, its status, the receiver's response
 * code, the attempt and the time, with "redeliver" on each. Refreshes on demand; older
 * entries load with the API's cursor.
 */
import { createResource, createSignal, Show } from 'solid-js';
import { createAction, FormAlert } from '../../console/form.tsx';
import { Loaded } from '../../console/Loaded.tsx';
import type { Outputs } from '../../console/types.ts';
import { time } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';
import { api } from '../../lib/trpc.ts';
import { DataTable, type Column } from '../DataTable.tsx';

type Delivery = Outputs['webhooks']['deliveries']['items'][number];

export function DeliveryLog(props: { endpointId: string; url: string; generation: number }) {
  const [older, setOlder] = createSignal<Delivery[]>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [first, { refetch }] = createResource(
    () => ({ endpointId: props.endpointId, generation: props.generation }),
    async ({ endpointId }) => {
      const page = await api.webhooks.deliveries.query({ endpointId });
      setOlder([]);
      setCursor(page.nextCursor);
      return page;
    },
  );
  const more = createAction(async () => {
    const page = await api.webhooks.deliveries.query({
      endpointId: props.endpointId,
      cursor: cursor() ?? undefined,
    });
    setOlder([...older(), ...page.items]);
    setCursor(page.nextCursor);
  });
  const [target, setTarget] = createSignal('');
  const [redelivered, setRedelivered] = createSignal(false);
  const redeliver = createAction(() => api.webhooks.redeliver.mutate({ deliveryId: target() }));
  const again = async (deliveryId: string) => {
    setTarget(deliveryId);
    setRedelivered(false);
    if ((await redeliver.run()) === undefined) return;
    setRedelivered(true);
    await refetch();
  };
  return (
    <div class="delivery-log" data-testid="webhook-deliveries">
      <h3>{t('webhooks.deliveries')}</h3>
      <button
        type="button"
        class="secondary small"
        onClick={() => void refetch()}
        data-testid="webhook-deliveries-refresh"
      >
        {t('webhooks.refresh')}
      </button>
      <FormAlert error={redeliver.error() ?? more.error()} paths={[]} />
      <Show when={redelivered()}>
        <p class="ok" role="status">
          {t('webhooks.redelivered')}
        </p>
      </Show>
      <Loaded of={first}>
        {(page) => (
          <Show
            when={page().items.length + older().length > 0}
            fallback={<p class="muted">{t('webhooks.deliveriesEmpty')}</p>}
          >
            <DataTable
              label={t('webhooks.deliveriesLabel', { url: props.url })}
              rows={[...page().items, ...older()]}
              columns={columns(redeliver.busy(), (id) => void again(id))}
              rowTestId="webhook-delivery"
              rowAttrs={(delivery) => ({
                'data-status': delivery.status,
                'data-event-type': delivery.eventType,
              })}
            />
            <Show when={cursor()}>
              <button
                type="button"
                class="secondary"
                disabled={more.busy()}
                onClick={() => void more.run()}
              >
                {t('webhooks.more')}
              </button>
            </Show>
          </Show>
        )}
      </Loaded>
    </div>
  );
}

function columns(busy: boolean, onRedeliver: (deliveryId: string) => void): Column<Delivery>[] {
  return [
    {
      header: t('webhooks.col.event'),
      phone: 'title',
      cell: (d) => (
        <>
          {t(`event.${d.eventType}`)} <code class="muted small">{d.eventType}</code>
        </>
      ),
    },
    {
      header: t('webhooks.col.status'),
      phone: 'meta',
      testId: 'webhook-delivery-status',
      cell: (d) => (
        <>
          {t(`webhooks.status.${d.status}`)}
          <Show when={d.status === 'pending' && d.nextAttemptAtMs}>
            {(at) => (
              <span class="muted small"> · {t('webhooks.nextAttempt', { at: time(at()) })}</span>
            )}
          </Show>
          <Show when={d.error}>{(error) => <span class="muted small"> · {error()}</span>}</Show>
        </>
      ),
    },
    {
      header: t('webhooks.col.code'),
      numeric: true,
      testId: 'webhook-delivery-code',
      cell: (d) => (d.responseCode === null ? '—' : String(d.responseCode)),
    },
    {
      header: t('webhooks.col.attempt'),
      numeric: true,
      phone: 'meta',
      cell: (d) => String(d.attempt),
    },
    {
      header: t('webhooks.col.time'),
      class: 'nowrap',
      cell: (d) => time(d.createdAtMs),
    },
    {
      header: t('webhooks.col.actions'),
      headerHidden: true,
      cell: (d) => (
        <button
          type="button"
          class="secondary small"
          disabled={busy}
          onClick={() => onRedeliver(d.id)}
          data-testid="webhook-redeliver"
        >
          {t('webhooks.redeliver')}
        </button>
      ),
    },
  ];
}
