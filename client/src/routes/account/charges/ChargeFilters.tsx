/** The filters of the charge list: workspace, category, and a billing-period window. */
import { For } from 'solid-js';
import { CHARGE_CATEGORIES, type ChargeCategory } from '../../../../../common/settlement/order.ts';
import { DAY_MS } from '../../../../../common/time.ts';
import { t } from '../../../lib/i18n.ts';
import type { Charge, Workspace } from '../shared.tsx';

/** The first instant of a "YYYY-MM-DD" day in Asia/Shanghai. */
function shanghaiDayStartMs(day: string): number {
  return Date.parse(`${day}T00:00:00+08:00`);
}

/** Whether a charge's billing period touches the days from `fromDay` to `toDay` inclusive. */
export function overlapsPeriod(charge: Charge, fromDay: string, toDay: string): boolean {
  const fromMs = fromDay ? shanghaiDayStartMs(fromDay) : Number.NaN;
  const toMs = toDay ? shanghaiDayStartMs(toDay) + DAY_MS : Number.NaN;
  if (!Number.isNaN(fromMs) && charge.periodEndMs < fromMs) return false;
  if (!Number.isNaN(toMs) && charge.periodStartMs >= toMs) return false;
  return true;
}

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
