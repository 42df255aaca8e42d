/**
 * Changing how a workspace settles. The server enforces the rules and says, on the
 * workspace, whether they allow a change now (`methodLock`) and from when
 * (`nextMethodChangeAtMs`); the page offers this form only when they do (see MethodLockNote).
 * Moving to a cloud account is hard to undo, so the form first names what it means: the
 * general charges the wallet's instruments do not cover are billed to that cloud account; it
 * cannot move back until that cloud subscription ends; and it uses up the month's change.
 */
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { CLOUD_PROVIDERS, type CloudProvider } from '../../../../../common/settlement/order.ts';
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

/** A cloud account in words: "AWS account 111122223333". */
export function cloudAccountText(provider: CloudProvider | null, id: string | null): string {
  return t('workspaces.cloudAccount', {
    provider: t(`workspaces.provider.${provider ?? 'alibaba_cloud'}`),
    id: id ?? '',
  });
}

/** Why the method cannot change now, with the date it can; nothing when it can. */
export function MethodLockNote(props: { workspace: Workspace; id: string }) {
  const w = () => props.workspace;
  return (
    <Switch>
      <Match when={w().methodLock === 'cloud_subscription'}>
        <p class="rule-note" id={props.id} data-testid="workspace-method-locked">
          {t('workspaces.rule.cloudLocked', {
            provider: t(`workspaces.provider.${w().cloudProvider ?? 'alibaba_cloud'}`),
            id: w().cloudAccountId ?? '',
          })}
        </p>
      </Match>
      <Match when={w().methodLock === 'month_limit'}>
        <p class="rule-note" id={props.id} data-testid="workspace-method-locked">
          {t('workspaces.rule.monthLimit', { date: date(w().nextMethodChangeAtMs) })}
        </p>
      </Match>
    </Switch>
  );
}

export function SettlementMethodForm(props: {
  workspace: Workspace;
  onChanged: () => void;
  /** The server refused because the rules changed meanwhile: reload the workspace. */
  onStale: () => void;
}) {
  const w = () => props.workspace;
  const [method, setMethod] = createSignal(w().settlementMethod);
  const [provider, setProvider] = createSignal<CloudProvider>(w().cloudProvider ?? 'alibaba_cloud');
  const [cloudAccountId, setCloudAccountId] = createSignal(w().cloudAccountId ?? '');
  const [confirming, setConfirming] = createSignal(false);
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
  const save = async () => {
    setConfirming(false);
    if (await change.run()) props.onChanged();
    else if (refused()) props.onStale();
  };
  const refused = () => {
    const code = domainCode(change.error());
    return code === 'METHOD_CHANGE_LIMIT' || code === 'CLOUD_SUBSCRIPTION_ACTIVE';
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const toCloud = method() === 'cloud_account' && w().settlementMethod !== 'cloud_account';
    if (toCloud && !confirming()) setConfirming(true);
    else void save();
  };
  const id = (name: string) => `${name}-${w().workspaceId}`;

  return (
    <form class="narrow-form" onSubmit={submit} data-testid="workspace-method-form">
      <fieldset disabled={confirming() || change.busy()} class="plain">
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
      </fieldset>
      <Show when={!refused()}>
        <FormAlert error={change.error()} paths={PATHS} />
      </Show>
      <Show
        when={confirming()}
        fallback={
          <button type="submit" disabled={change.busy()} data-testid="workspace-method-submit">
            {change.busy() ? t('console.submitting') : t('workspaces.change.submit')}
          </button>
        }
      >
        <div
          class="confirm-box"
          role="group"
          aria-labelledby={id('confirm-title')}
          data-testid="workspace-cloud-confirm"
        >
          <h3 id={id('confirm-title')}>
            {t('methodForm.confirmTitle', {
              account: cloudAccountText(provider(), cloudAccountId()),
            })}
          </h3>
          <ul>
            <li>
              {t('methodForm.consequence.billed', {
                account: cloudAccountText(provider(), cloudAccountId()),
              })}
            </li>
            <li>{t('methodForm.consequence.locked')}</li>
            <li>{t('methodForm.consequence.month')}</li>
          </ul>
          <div class="actions">
            <button type="submit" data-testid="workspace-cloud-confirm-submit">
              {t('methodForm.confirm')}
            </button>
            <button
              type="button"
              class="secondary"
              onClick={() => setConfirming(false)}
              data-testid="workspace-cloud-confirm-back"
            >
              {t('methodForm.back')}
            </button>
          </div>
        </div>
      </Show>
    </form>
  );
}
