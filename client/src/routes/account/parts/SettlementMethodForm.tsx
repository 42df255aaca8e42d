/**
 * Changing how a workspace settles. The server enforces the rules; this form says them in
 * words beforehand when they already apply, and again when the server refuses: at most one
 * change per calendar month, and a workspace on a cloud account stays there until that
 * subscription is cancelled or released.
 */
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { CLOUD_PROVIDERS, type CloudProvider } from '../../../../../common/settlement/order.ts';
import { startOfNextShanghaiMonthMs } from '../../../../../common/time.ts';
import { domainCode } from '../../../console/errors.ts';
import { createAction, FieldError, FormAlert } from '../../../console/form.tsx';
import type { Inputs, Workspace } from '../../../console/types.ts';
import { date } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';
import { api } from '../../../lib/trpc.ts';

const PATHS = ['settlement.method', 'settlement.cloudProvider', 'settlement.cloudAccountId'];
type SettlementChoice = Inputs['workspaces']['setSettlementMethod']['settlement'];

function toMethod(text: string): SettlementChoice['method'] {
  return text === 'cloud_account' ? 'cloud_account' : 'billing_center';
}

export function SettlementMethodForm(props: { workspace: Workspace; onChanged: () => void }) {
  const w = () => props.workspace;
  const [method, setMethod] = createSignal(w().settlementMethod);
  const [provider, setProvider] = createSignal<CloudProvider>(w().cloudProvider ?? 'alibaba_cloud');
  const [cloudAccountId, setCloudAccountId] = createSignal(w().cloudAccountId ?? '');
  const settlement = (): SettlementChoice =>
    method() === 'billing_center'
      ? { method: 'billing_center' }
      : { method: 'cloud_account', cloudProvider: provider(), cloudAccountId: cloudAccountId() };
  const change = createAction(() =>
    api.workspaces.setSettlementMethod.mutate({
      workspaceId: w().workspaceId,
      settlement: settlement(),
    }),
  );
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (await change.run()) props.onChanged();
  };
  const refusal = () => domainCode(change.error());
  const cloudLock = () =>
    t('workspaces.rule.cloudLocked', {
      provider: t(`workspaces.provider.${w().cloudProvider ?? 'alibaba_cloud'}`),
      id: w().cloudAccountId ?? '',
    });
  // The server's rule: the next change is possible from the next Shanghai calendar month.
  const nextChange = () => date(w().nextMethodChangeAtMs ?? startOfNextShanghaiMonthMs(Date.now()));
  const monthLimit = () => t('workspaces.rule.monthLimit', { date: nextChange() });
  const id = (name: string) => `${name}-${w().workspaceId}`;

  return (
    <form class="narrow-form" onSubmit={submit} data-testid="workspace-method-form">
      <Show when={w().settlementMethod === 'cloud_account'}>
        <p class="rule-note">{cloudLock()}</p>
      </Show>
      <Show when={w().nextMethodChangeAtMs !== null}>
        <p class="rule-note">{monthLimit()}</p>
      </Show>
      <label for={id('method')}>
        {t('workspaces.field.method')}
        <select
          id={id('method')}
          value={method()}
          onChange={(e) => setMethod(toMethod(e.currentTarget.value))}
          data-testid="workspace-method"
        >
          <option value="billing_center">{t('workspaces.method.billing_center')}</option>
          <option value="cloud_account">{t('workspaces.method.cloud_account')}</option>
        </select>
      </label>
      <Show when={method() === 'cloud_account'}>
        <label for={id('provider')}>
          {t('workspaces.field.provider')}
          <select
            id={id('provider')}
            value={provider()}
            onChange={(e) => {
              const next = CLOUD_PROVIDERS.find((p) => p === e.currentTarget.value);
              if (next) setProvider(next);
            }}
            data-testid="workspace-provider"
          >
            <For each={CLOUD_PROVIDERS}>
              {(p) => <option value={p}>{t(`workspaces.provider.${p}`)}</option>}
            </For>
          </select>
        </label>
        <label for={id('cloud-id')}>
          {t('workspaces.field.cloudAccountId')}
          <input
            id={id('cloud-id')}
            required
            autocomplete="off"
            value={cloudAccountId()}
            onInput={(e) => setCloudAccountId(e.currentTarget.value.trim())}
            data-testid="workspace-cloud-id"
          />
          <FieldError error={change.error()} path="settlement.cloudAccountId" />
        </label>
      </Show>
      <Switch fallback={<FormAlert error={change.error()} paths={PATHS} />}>
        <Match when={refusal() === 'METHOD_CHANGE_LIMIT'}>
          <p class="error" role="alert" data-testid="workspace-method-refused">
            {t('workspaces.refused.monthLimit', { date: nextChange() })}
          </p>
        </Match>
        <Match when={refusal() === 'CLOUD_SUBSCRIPTION_ACTIVE'}>
          <p class="error" role="alert" data-testid="workspace-method-refused">
            {t('workspaces.refused.cloudLocked', { rule: cloudLock() })}
          </p>
        </Match>
      </Switch>
      <button type="submit" disabled={change.busy()} data-testid="workspace-method-submit">
        {change.busy() ? t('console.submitting') : t('workspaces.change.submit')}
      </button>
    </form>
  );
}
