/** Charges as a table: one row per charge, linking to how it was paid. */
import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { date, money, time } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';
import type { Charge, Workspace } from '../shared.tsx';

/** Billing period "2026-11-01 – 2026-11-30", or one day. */
export function period(charge: Pick<Charge, 'periodStartMs' | 'periodEndMs'>): string {
  const from = date(charge.periodStartMs);
  const to = date(charge.periodEndMs);
  return from === to ? from : `${from} – ${to}`;
}

export function ChargeTable(props: {
  charges: readonly Charge[];
  accountId: string;
  workspaces: readonly Workspace[];
}) {
  const detailHref = (chargeId: string) =>
    `/accounts/${props.accountId}/charges/${encodeURIComponent(chargeId)}`;
  const workspaceName = (id: string) =>
    props.workspaces.find((workspace) => workspace.workspaceId === id)?.name ?? id;
  return (
    <Show when={props.charges.length > 0} fallback={<p class="muted">{t('common.empty')}</p>}>
      <div class="table-wrap">
        <table data-testid="charges-table">
          <thead>
            <tr>
              <th scope="col">{t('charges.settledAt')}</th>
              <th scope="col">{t('charges.charge')}</th>
              <th scope="col">{t('charges.workspace')}</th>
              <th scope="col">{t('charges.category')}</th>
              <th scope="col">{t('charges.period')}</th>
              <th scope="col" class="amount">
                {t('charges.amount')}
              </th>
              <th scope="col" class="amount">
                {t('charges.paid')}
              </th>
              <th scope="col" class="amount">
                {t('charges.unpaid')}
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={props.charges}>
              {(charge) => (
                <tr data-testid="charge-row" data-charge-id={charge.chargeId}>
                  <td class="nowrap">{time(charge.settledAtMs)}</td>
                  <td>
                    <A href={detailHref(charge.chargeId)} data-testid="charge-link">
                      {charge.chargeId}
                    </A>
                    <Show when={charge.description}>
                      <div class="muted small">{charge.description}</div>
                    </Show>
                  </td>
                  <td>{workspaceName(charge.workspaceId)}</td>
                  <td>{t(`components.category.${charge.category}`)}</td>
                  <td class="nowrap">{period(charge)}</td>
                  <td class="amount" data-testid="charge-amount">
                    {money(charge.amount)}
                  </td>
                  <td class="amount">{money(charge.paid)}</td>
                  <td class="amount">
                    <Show when={charge.overdue !== '0.00'}>
                      <span class="negative">
                        {t('charges.toOverdue', { amount: money(charge.overdue) })}
                      </span>
                    </Show>
                    <Show when={charge.cloud !== '0.00'}>
                      <span class="warn">
                        {t('charges.toCloud', { amount: money(charge.cloud) })}
                      </span>
                    </Show>
                    <Show when={charge.overdue === '0.00' && charge.cloud === '0.00'}>
                      <span class="muted">—</span>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </Show>
  );
}
