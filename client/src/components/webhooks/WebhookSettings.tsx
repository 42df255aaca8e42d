/**
 * Webhook settings, the one page component for an account's endpoints (its admins) and the
 * global ones (the operator console, `accountId` null): the endpoints, a form to add one, and
 * the new endpoint's secret, shown once.
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import { Loaded } from '../../console/Loaded.tsx';
import { t } from '../../lib/i18n.ts';
import { api } from '../../lib/trpc.ts';
import { CreateEndpointForm } from './CreateEndpointForm.tsx';
import { EndpointCard } from './EndpointCard.tsx';
import { SecretOnce } from './SecretOnce.tsx';
import '../../console.css';
import './webhooks.css';

export function WebhookSettings(props: { accountId: string | null }) {
  const [endpoints, { refetch }] = createResource(
    () => ({ accountId: props.accountId }),
    ({ accountId }) => api.webhooks.list.query(accountId ? { accountId } : {}),
  );
  const [secret, setSecret] = createSignal<string | null>(null);
  return (
    <>
      <p class="muted small">{t('webhooks.explain')}</p>
      <Show when={props.accountId === null}>
        <p class="muted small">{t('webhooks.explainGlobal')}</p>
      </Show>
      <Show when={secret()}>
        {(value) => <SecretOnce secret={value()} onDone={() => setSecret(null)} />}
      </Show>
      <Loaded of={endpoints}>
        {(list) => (
          <Show
            when={list().items.length > 0}
            fallback={
              <p class="muted" data-testid="webhooks-empty">
                {t('webhooks.empty')}
              </p>
            }
          >
            <ul class="workspace-list" data-testid="webhooks-list">
              <For each={list().items}>
                {(endpoint) => (
                  <EndpointCard endpoint={endpoint} onChanged={() => void refetch()} />
                )}
              </For>
            </ul>
          </Show>
        )}
      </Loaded>
      <CreateEndpointForm
        accountId={props.accountId}
        onCreated={(created) => {
          setSecret(created.secret);
          void refetch();
        }}
      />
    </>
  );
}
