/**
 * Alert settings: each rule with its switch and, where it has one, its amount or days. Admins
 * (and operators) save them all at once; viewers see them read-only. The API validates; its
 * reasons show under the field they concern (`rules.<n>.amount`, `rules.<n>.days`).
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { MoneyInput } from '../../components/MoneyInput.tsx';
import { Loaded } from '../../console/Loaded.tsx';
import { createAction, FieldError, FormAlert } from '../../console/form.tsx';
import type { Inputs, Outputs } from '../../console/types.ts';
import { t } from '../../lib/i18n.ts';
import { canWrite } from '../../lib/session.ts';
import { api, issueFor } from '../../lib/trpc.ts';
import { useAccountId } from './shared.tsx';
import '../../account.css';
import '../../console.css';
import '../../components/webhooks/webhooks.css';

type Rule = Outputs['alerts']['getRules']['rules'][number];
type Setting = Inputs['alerts']['setRules']['rules'][number];

export default function Alerts() {
  const accountId = useAccountId();
  const [rules] = createResource(accountId, (id) => api.alerts.getRules.query({ accountId: id }));
  return (
    <section class="console-page" aria-labelledby="alerts-title">
      <h1 id="alerts-title">{t('alerts.title')}</h1>
      <p class="muted small">{t('alerts.explain')}</p>
      <Loaded of={rules}>
        {(loaded) => (
          <RulesForm
            accountId={accountId()}
            rules={loaded().rules}
            editable={canWrite(accountId())}
          />
        )}
      </Loaded>
    </section>
  );
}

function RulesForm(props: { accountId: string; rules: readonly Rule[]; editable: boolean }) {
  const [draft, setDraft] = createStore(props.rules.map((rule) => ({ ...rule })));
  const [saved, setSaved] = createSignal(false);
  const save = createAction(() =>
    api.alerts.setRules.mutate({ accountId: props.accountId, rules: draft.flatMap(settingOf) }),
  );
  const paths = () => draft.flatMap((_, i) => [`rules.${i}.amount`, `rules.${i}.days`]);
  return (
    <form
      class="alert-rules"
      onSubmit={async (event) => {
        event.preventDefault();
        setSaved(false);
        if ((await save.run()) !== undefined) setSaved(true);
      }}
      data-testid="alerts-form"
    >
      <Show when={!props.editable}>
        <p class="muted" role="note" data-testid="alerts-read-only">
          {t('alerts.readOnly')}
        </p>
      </Show>
      <fieldset disabled={!props.editable || save.busy()}>
        <legend class="visually-hidden">{t('alerts.title')}</legend>
        <For each={draft}>
          {(rule, index) => (
            <div class="card alert-rule" data-testid="alert-rule" data-rule={rule.rule}>
              <label class="check">
                <input
                  type="checkbox"
                  checked={rule.enabled}
                  onChange={(e) => setDraft(index(), 'enabled', e.currentTarget.checked)}
                  data-testid={`alert-enabled-${rule.rule}`}
                />{' '}
                {t(`alerts.rule.${rule.rule}`)}
              </label>
              <Show when={rule.rule === 'balance_below'}>
                <MoneyInput
                  label={t('alerts.amount')}
                  id={`alert-amount-${rule.rule}`}
                  name={`alert-amount-${rule.rule}`}
                  value={rule.amount ?? ''}
                  onInput={(value) => setDraft(index(), 'amount', value)}
                  error={issueFor(save.error(), `rules.${index()}.amount`)}
                  disabled={!props.editable}
                />
              </Show>
              <Show when={rule.rule === 'runway_below' || rule.rule === 'instrument_expiring'}>
                <div class="field">
                  <label for={`alert-days-${rule.rule}`}>{t('alerts.days')}</label>
                  <input
                    id={`alert-days-${rule.rule}`}
                    type="number"
                    min="1"
                    max="365"
                    step="1"
                    inputmode="numeric"
                    value={rule.days ?? ''}
                    onInput={(e) => setDraft(index(), 'days', daysOf(e.currentTarget.value))}
                    data-testid={`alert-days-${rule.rule}`}
                  />
                  <FieldError error={save.error()} path={`rules.${index()}.days`} />
                </div>
              </Show>
            </div>
          )}
        </For>
      </fieldset>
      <FormAlert error={save.error()} paths={paths()} />
      <Show when={saved()}>
        <p class="ok" role="status" data-testid="alerts-saved">
          {t('alerts.saved')}
        </p>
      </Show>
      <Show when={props.editable}>
        <button type="submit" disabled={save.busy()} data-testid="alerts-save">
          {t('alerts.save')}
        </button>
      </Show>
    </form>
  );
}

/** Days as typed: a number when it is one, else undefined (the API says what is missing). */
function daysOf(text: string): number | undefined {
  const value = Number(text);
  return text.trim() === '' || !Number.isFinite(value) ? undefined : value;
}

/**
 * A rule as setRules takes it: only the threshold its kind has. A rule switched off that
 * never had a threshold is left out (never set is off); switched on without one, it goes as
 * it is and the API says what is missing.
 */
function settingOf(rule: Rule): Setting[] {
  if (rule.rule === 'balance_below') {
    if (!rule.enabled && !rule.amount) return [];
    return [{ rule: rule.rule, enabled: rule.enabled, amount: rule.amount ?? '' }];
  }
  if (rule.rule === 'runway_below' || rule.rule === 'instrument_expiring') {
    if (!rule.enabled && rule.days === undefined) return [];
    return [{ rule: rule.rule, enabled: rule.enabled, days: rule.days ?? 0 }];
  }
  return [{ rule: rule.rule, enabled: rule.enabled }];
}
