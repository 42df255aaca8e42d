/**
 * Spend of the last 30 days by billing period: by day, by category and by workspace, as
 * charts with the exact amounts listed beside them.
 */
import { walletNowMs } from '../../../lib/clock.ts';
import { createResource, For, Show } from 'solid-js';
import { fenToAmount } from '../../../../../common/money.ts';
import { cny } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';
import { Loaded } from '../shared.tsx';
import { ChartCanvas } from './ChartCanvas.tsx';
import { loadSpend } from './spend.ts';

function Totals(props: { entries: readonly (readonly [string, number])[]; testId: string }) {
  return (
    <ul class="plain-list totals">
      <For each={props.entries}>
        {([label, fen]) => (
          <li data-testid={props.testId}>
            <span>{label}</span> <span class="amount">{cny(fenToAmount(fen))}</span>
          </li>
        )}
      </For>
    </ul>
  );
}

export function SpendCharts(props: { accountId: string }) {
  const [spend] = createResource(
    () => props.accountId,
    (accountId) => loadSpend(accountId, walletNowMs()),
  );

  return (
    <section aria-labelledby="spend-title" data-testid="overview-spend">
      <h2 id="spend-title">{t('overview.spendTitle')}</h2>
      <Loaded of={spend}>
        {(summary) => {
          const categories = () =>
            [...summary().byCategory].map(
              ([key, fen]) => [t(`components.category.${key}`), fen] as const,
            );
          const workspaces = () => [...summary().byWorkspace];
          return (
            <>
              <p>
                {t('overview.spendTotal')}{' '}
                <strong class="amount" data-testid="overview-spend-total">
                  {cny(fenToAmount(summary().totalFen))}
                </strong>{' '}
                <span class="muted">{t('overview.spendCount', { n: summary().chargeCount })}</span>
              </p>
              <Show
                when={summary().chargeCount > 0}
                fallback={<p class="muted">{t('common.empty')}</p>}
              >
                <div class="card chart-card">
                  <h3>{t('overview.byDay')}</h3>
                  <ChartCanvas
                    type="bar"
                    label={t('overview.byDay')}
                    labels={summary().byDay.map((entry) => entry.day.slice(5))}
                    valuesFen={summary().byDay.map((entry) => entry.fen)}
                    testId="overview-chart-day"
                  />
                </div>
                <div class="chart-grid">
                  <div class="card chart-card">
                    <h3>{t('overview.byCategory')}</h3>
                    <ChartCanvas
                      type="doughnut"
                      label={t('overview.byCategory')}
                      labels={categories().map(([label]) => label)}
                      valuesFen={categories().map(([, fen]) => fen)}
                      testId="overview-chart-category"
                    />
                    <Totals entries={categories()} testId="overview-spend-category" />
                  </div>
                  <div class="card chart-card">
                    <h3>{t('overview.byWorkspace')}</h3>
                    <ChartCanvas
                      type="bar"
                      horizontal
                      label={t('overview.byWorkspace')}
                      labels={workspaces().map(([label]) => label)}
                      valuesFen={workspaces().map(([, fen]) => fen)}
                      testId="overview-chart-workspace"
                    />
                    <Totals entries={workspaces()} testId="overview-spend-workspace" />
                  </div>
                </div>
              </Show>
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
