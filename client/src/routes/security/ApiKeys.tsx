/**
 * API keys with a revoke button: every key or one account's for an operator, their own
 * account's for an admin (the API decides which: apiKeys.list). Revoking asks first, since
 * a revoked key fails from the very next request and cannot be restored.
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import { Confirm } from '../../console/Confirm.tsx';
import { Loaded } from '../../console/Loaded.tsx';
import { createAction, FormAlert } from '../../console/form.tsx';
import type { Outputs } from '../../console/types.ts';
import { time } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';
import { api } from '../../lib/trpc.ts';

type Key = Outputs['apiKeys']['list'][number];

export function ApiKeyList(props: {
  /** Only this account's keys; every key (operators only) when absent. */
  accountId?: string | undefined;
  includeRevoked?: boolean;
  /** The account's name for a key, when the list spans accounts. */
  accountName?: (accountId: string) => string;
}) {
  const [keys, { refetch }] = createResource(
    () => ({ accountId: props.accountId, includeRevoked: props.includeRevoked ?? false }),
    (input) => api.apiKeys.list.query(input),
  );
  const [asking, setAsking] = createSignal<Key | null>(null);
  const [revoked, setRevoked] = createSignal<Key | null>(null);
  const revoke = createAction(() => api.apiKeys.revoke.mutate({ keyId: asking()?.keyId ?? '' }));
  const confirm = async () => {
    const result = await revoke.run();
    if (!result) return;
    setRevoked(result);
    setAsking(null);
    await refetch();
  };

  return (
    <Loaded of={keys}>
      {(list) => (
        <>
          <FormAlert error={revoke.error()} paths={[]} />
          <Show when={revoked()}>
            {(key) => (
              <p class="ok" role="status" data-testid="key-revoked">
                {t('keys.revoked', { label: key().label })}
              </p>
            )}
          </Show>
          <Show when={asking()}>
            {(key) => (
              <Confirm
                message={t('keys.confirm', { label: key().label, keyId: key().keyId })}
                busy={revoke.busy()}
                onConfirm={() => void confirm()}
                onCancel={() => setAsking(null)}
                testId="key-confirm"
              />
            )}
          </Show>
          <Show when={list().length > 0} fallback={<p class="muted">{t('common.empty')}</p>}>
            <KeyTable
              keys={list()}
              accountName={props.accountName}
              onRevoke={(key) => {
                revoke.reset();
                setRevoked(null);
                setAsking(key);
              }}
            />
          </Show>
        </>
      )}
    </Loaded>
  );
}

function KeyTable(props: {
  keys: readonly Key[];
  accountName?: ((accountId: string) => string) | undefined;
  onRevoke: (key: Key) => void;
}) {
  return (
    <div class="table-wrap">
      <table data-testid="keys-table">
        <thead>
          <tr>
            <th scope="col">{t('keys.label')}</th>
            <th scope="col">{t('keys.id')}</th>
            <th scope="col">{t('keys.role')}</th>
            <Show when={props.accountName}>
              <th scope="col">{t('keys.account')}</th>
            </Show>
            <th scope="col">{t('keys.created')}</th>
            <th scope="col">{t('keys.status')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.keys}>
            {(key) => (
              <tr data-testid="key-row" data-key-id={key.keyId}>
                <td>{key.label}</td>
                <td class="mono">{key.keyId}</td>
                <td>{t(`keys.role.${key.role}`)}</td>
                <Show when={props.accountName}>
                  {(name) => <td>{key.accountId ? name()(key.accountId) : '—'}</td>}
                </Show>
                <td class="nowrap">{time(key.createdAtMs)}</td>
                <td>
                  <Show
                    when={key.revokedAtMs}
                    fallback={
                      <button
                        type="button"
                        class="secondary"
                        onClick={() => props.onRevoke(key)}
                        data-testid="key-revoke"
                      >
                        {t('keys.revoke')}
                      </button>
                    }
                  >
                    {(at) => <span class="muted">{t('keys.revokedAt', { at: time(at()) })}</span>}
                  </Show>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
