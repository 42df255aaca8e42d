/**
 * One endpoint: where it posts, what it receives, whether it is on; and what an admin does
 * with it — switch it on or off, change its events, rotate its secret (the new one shown
 * once, with when the old one stops signing), send a test event, delete it, read its log.
 */
import { createSignal, Show } from 'solid-js';
import type { EventType } from '../../../../common/events.ts';
import { Confirm } from '../../console/Confirm.tsx';
import { createAction, FormAlert } from '../../console/form.tsx';
import type { Outputs } from '../../console/types.ts';
import { time } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';
import { api } from '../../lib/trpc.ts';
import { DeliveryLog } from './DeliveryLog.tsx';
import { EventTypePicker } from './EventTypePicker.tsx';
import { SecretOnce } from './SecretOnce.tsx';

export type Endpoint = Outputs['webhooks']['list']['items'][number];

export function EndpointCard(props: { endpoint: Endpoint; onChanged: () => void }) {
  const e = () => props.endpoint;
  const [notice, setNotice] = createSignal('');
  const [logShown, setLogShown] = createSignal(false);
  const [logGeneration, setLogGeneration] = createSignal(0);
  const [editing, setEditing] = createSignal(false);
  const [asking, setAsking] = createSignal(false);
  const [rotated, setRotated] = createSignal<{ secret: string; until: number | null } | null>(null);
  const [overlapHours, setOverlapHours] = createSignal(24);

  const toggle = createAction(() =>
    api.webhooks.update.mutate({ endpointId: e().id, enabled: !e().enabled }),
  );
  const rotate = createAction(() =>
    api.webhooks.rotateSecret.mutate({ endpointId: e().id, overlapHours: overlapHours() }),
  );
  const testSend = createAction(() => api.webhooks.testSend.mutate({ endpointId: e().id }));
  const remove = createAction(() => api.webhooks.remove.mutate({ endpointId: e().id }));
  const error = () => toggle.error() ?? rotate.error() ?? testSend.error() ?? remove.error();

  const run = async (action: { run: () => Promise<unknown> }, done: () => void) => {
    setNotice('');
    if ((await action.run()) !== undefined) done();
  };
  const ids = () => `webhook-${e().id}`;

  return (
    <li class="card webhook" data-testid="webhook-row" data-endpoint-id={e().id}>
      <div class="workspace-head">
        <div>
          <strong class="mono" data-testid="webhook-row-url">
            {e().url}
          </strong>
          <Show when={e().description}>
            <span class="muted"> · {e().description}</span>
          </Show>
        </div>
        <span
          class={`badge ${e().enabled ? 'active' : 'locked'}`}
          data-testid="webhook-row-state"
          data-enabled={e().enabled ? 'yes' : 'no'}
        >
          {e().enabled ? t('webhooks.enabled') : t('webhooks.disabled')}
        </span>
      </div>
      <Show when={!e().enabled && e().disabledReason}>
        {(reason) => <p class="warn">{t('webhooks.disabledReason', { reason: reason() })}</p>}
      </Show>
      <p class="muted small">
        {t('webhooks.secretHint', { hint: e().secretHint })} ·{' '}
        {t('webhooks.created', { at: time(e().createdAtMs) })}
      </p>
      <p class="small" data-testid="webhook-row-events">
        {[...e().eventTypes, ...(e().includeCharges ? ['charge.settled'] : [])]
          .map((type) => t(`event.${type}`))
          .join(' · ') || '—'}
      </p>
      <div class="actions">
        <button
          type="button"
          class="secondary"
          disabled={toggle.busy()}
          onClick={() => void run(toggle, props.onChanged)}
          data-testid="webhook-toggle"
        >
          {e().enabled ? t('webhooks.disable') : t('webhooks.enable')}
        </button>
        <button
          type="button"
          class="secondary"
          aria-expanded={editing()}
          onClick={() => setEditing(!editing())}
          data-testid="webhook-edit"
        >
          {editing() ? t('common.cancel') : t('webhooks.edit')}
        </button>
        <button
          type="button"
          class="secondary"
          disabled={testSend.busy()}
          onClick={() =>
            void run(testSend, () => {
              setNotice(t('webhooks.testSent'));
              setLogShown(true);
              setLogGeneration(logGeneration() + 1);
            })
          }
          data-testid="webhook-test-send"
        >
          {t('webhooks.testSend')}
        </button>
        <button
          type="button"
          class="secondary"
          aria-expanded={logShown()}
          onClick={() => setLogShown(!logShown())}
          data-testid="webhook-log-toggle"
        >
          {logShown() ? t('webhooks.deliveriesHide') : t('webhooks.deliveries')}
        </button>
        <button
          type="button"
          class="secondary"
          onClick={() => setAsking(true)}
          data-testid="webhook-remove"
        >
          {t('webhooks.remove')}
        </button>
      </div>
      <div class="rotate">
        <label for={`${ids()}-overlap`}>{t('webhooks.overlapHours')}</label>{' '}
        <input
          id={`${ids()}-overlap`}
          type="number"
          min="0"
          max="168"
          step="1"
          value={overlapHours()}
          onInput={(ev) => setOverlapHours(Number(ev.currentTarget.value))}
          data-testid="webhook-overlap-hours"
        />{' '}
        <button
          type="button"
          class="secondary"
          disabled={rotate.busy()}
          onClick={async () => {
            setNotice('');
            const result = await rotate.run();
            if (result) setRotated({ secret: result.secret, until: result.previousValidUntilMs });
          }}
          data-testid="webhook-rotate"
        >
          {t('webhooks.rotate')}
        </button>
      </div>
      <FormAlert error={error()} paths={[]} />
      <Show when={notice()}>
        <p class="ok" role="status" data-testid="webhook-notice">
          {notice()}
        </p>
      </Show>
      <Show when={rotated()}>
        {(r) => (
          <SecretOnce
            secret={r().secret}
            previousValidUntilMs={r().until}
            onDone={() => {
              setRotated(null);
              props.onChanged();
            }}
          />
        )}
      </Show>
      <Show when={asking()}>
        <Confirm
          message={t('webhooks.removeConfirm', { url: e().url })}
          busy={remove.busy()}
          onConfirm={() => void run(remove, props.onChanged)}
          onCancel={() => setAsking(false)}
          testId="webhook-remove-confirm"
        />
      </Show>
      <Show when={editing()}>
        <EditEvents
          endpoint={e()}
          onSaved={() => {
            setEditing(false);
            props.onChanged();
          }}
        />
      </Show>
      <Show when={logShown()}>
        <DeliveryLog endpointId={e().id} url={e().url} generation={logGeneration()} />
      </Show>
    </li>
  );
}

function EditEvents(props: { endpoint: Endpoint; onSaved: () => void }) {
  const [types, setTypes] = createSignal<EventType[]>([...props.endpoint.eventTypes]);
  const [includeCharges, setIncludeCharges] = createSignal(props.endpoint.includeCharges);
  const save = createAction(() =>
    api.webhooks.update.mutate({
      endpointId: props.endpoint.id,
      eventTypes: types().filter((type) => type !== 'charge.settled' && type !== 'webhook.test'),
      includeCharges: includeCharges(),
    }),
  );
  return (
    <form
      class="webhook-edit"
      onSubmit={async (event) => {
        event.preventDefault();
        if ((await save.run()) !== undefined) props.onSaved();
      }}
    >
      <EventTypePicker
        idPrefix={`webhook-${props.endpoint.id}`}
        selected={types()}
        onChange={setTypes}
        includeCharges={includeCharges()}
        onIncludeCharges={setIncludeCharges}
      />
      <FormAlert error={save.error()} paths={[]} />
      <button type="submit" disabled={save.busy()} data-testid="webhook-edit-save">
        {t('webhooks.save')}
      </button>
    </form>
  );
}
