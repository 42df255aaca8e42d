/**
 * The filters of the charge list: workspace, category, and a billing-period window (a charge
 * is listed when its period touches the days chosen).
 */
import { For } from 'solid-js';
import { CHARGE_CATEGORIES, type ChargeCategory } from '../../../../../common/settlement/order.ts';
import { t } from '../../../lib/i18n.ts';
import type { Workspace } from '../shared.tsx';

export function ChargeFilters(props: {
  workspaces: readonly Workspace[];
  workspaceId: string;
  category: ChargeCategory | '';
  fromDay: string;
  toDay: string;
  onWorkspace: (id: string) => void;
  onCategory: (category: ChargeCategory | '') => void;
  onFrom: (day: string) => void;
  onTo: (day: string) => void;
}) {
  return (
    <div class="filters" role="group" aria-label={t('charges.filters')}>
      <label>
        {t('charges.workspace')}
        <select
          value={props.workspaceId}
          onChange={(event) => props.onWorkspace(event.currentTarget.value)}
          data-testid="charges-workspace-filter"
        >
          <option value="">{t('charges.all')}</option>
          <For each={props.workspaces}>
            {(w) => <option value={w.workspaceId}>{w.name}</option>}
          </For>
        </select>
      </label>
      <label>
        {t('charges.category')}
        <select
          value={props.category}
          onChange={(event) => props.onCategory(event.currentTarget.value as ChargeCategory | '')}
          data-testid="charges-category-filter"
        >
          <option value="">{t('charges.all')}</option>
          <For each={CHARGE_CATEGORIES}>
            {(c) => <option value={c}>{t(`components.category.${c}`)}</option>}
          </For>
        </select>
      </label>
      <label>
        {t('charges.periodFrom')}
        <input
          type="date"
          value={props.fromDay}
          onInput={(event) => props.onFrom(event.currentTarget.value)}
          data-testid="charges-period-from"
        />
      </label>
      <label>
        {t('charges.periodTo')}
        <input
          type="date"
          value={props.toDay}
          onInput={(event) => props.onTo(event.currentTarget.value)}
          data-testid="charges-period-to"
        />
      </label>
    </div>
  );
}
