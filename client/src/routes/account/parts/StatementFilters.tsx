/**
 * The statement's filters: instrument kind, reason, workspace and a date range. Each change
 * applies at once (and sends the statement back to its first page).
 */
import { createResource, For, Show } from 'solid-js';
import {
  LEDGER_INSTRUMENTS,
  LEDGER_REASONS,
  type LedgerInstrument,
  type LedgerReason,
} from '../../../../../common/schemas.ts';
import { t } from '../../../lib/i18n.ts';
import { api } from '../../../lib/trpc.ts';
import { rangeInverted, type StatementFilter } from './statementFilter.ts';

export function StatementFilters(props: {
  accountId: string;
  value: StatementFilter;
  onChange: (patch: Partial<StatementFilter>) => void;
}) {
  const [workspaces] = createResource(
    () => props.accountId,
    (accountId) => api.workspaces.list.query({ accountId }).catch(() => []),
  );
  const isInstrument = (text: string): text is LedgerInstrument =>
    (LEDGER_INSTRUMENTS as readonly string[]).includes(text);
  const isReason = (text: string): text is LedgerReason =>
    (LEDGER_REASONS as readonly string[]).includes(text);

  return (
    <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
      <label>
        {t('statement.filter.instrument')}
        <select
          value={props.value.instrument}
          data-testid="statement-filter-instrument"
          onChange={(e) => {
            const text = e.currentTarget.value;
            props.onChange({ instrument: isInstrument(text) ? text : '' });
          }}
        >
          <option value="">{t('statement.filter.all')}</option>
          <For each={LEDGER_INSTRUMENTS}>
            {(kind) => <option value={kind}>{t(`statement.instrument.${kind}`)}</option>}
          </For>
        </select>
      </label>
      <label>
        {t('statement.filter.reason')}
        <select
          value={props.value.reason}
          data-testid="statement-filter-reason"
          onChange={(e) => {
            const text = e.currentTarget.value;
            props.onChange({ reason: isReason(text) ? text : '' });
          }}
        >
          <option value="">{t('statement.filter.all')}</option>
          <For each={LEDGER_REASONS}>
            {(reason) => <option value={reason}>{t(`statement.reason.${reason}`)}</option>}
          </For>
        </select>
      </label>
      <label>
        {t('statement.filter.workspace')}
        <select
          value={props.value.workspaceId}
          data-testid="statement-filter-workspace"
          onChange={(e) => props.onChange({ workspaceId: e.currentTarget.value })}
        >
          <option value="">{t('statement.filter.all')}</option>
          <For each={workspaces.latest ?? []}>
            {(w) => <option value={w.workspaceId}>{`${w.name} (${w.workspaceId})`}</option>}
          </For>
        </select>
      </label>
      <label>
        {t('statement.filter.from')}
        <input
          type="date"
          value={props.value.from}
          data-testid="statement-filter-from"
          onChange={(e) => props.onChange({ from: e.currentTarget.value })}
        />
      </label>
      <label>
        {t('statement.filter.to')}
        <input
          type="date"
          value={props.value.to}
          data-testid="statement-filter-to"
          aria-invalid={rangeInverted(props.value) ? 'true' : undefined}
          onChange={(e) => props.onChange({ to: e.currentTarget.value })}
        />
        <Show when={rangeInverted(props.value)}>
          <span class="field-error">{t('statement.filter.inverted')}</span>
        </Show>
      </label>
    </form>
  );
}
