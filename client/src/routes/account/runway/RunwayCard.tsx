/**
 * The overview's runway: how long the usable money lasts at the last 7 days' rate (and at
 * the last 30 days'), with both daily averages. The server computes it (accounts.runway);
 * this only words it.
 */
import { createResource, Show } from 'solid-js';
import { Loaded } from '../../../console/Loaded.tsx';
import { cny } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';
import { api } from '../../../lib/trpc.ts';
import { runwayText } from './runwayText.ts';

export function RunwayCard(props: { accountId: string }) {
  const [runway] = createResource(
    () => props.accountId,
    (accountId) => api.accounts.runway.query({ accountId }),
  );
  return (
    <section class="card runway" aria-labelledby="runway-title" data-testid="overview-runway">
      <h2 id="runway-title">{t('runway.title')}</h2>
      <Loaded of={runway}>
        {(r) => (
          <>
            <p class="runway-line" data-testid="runway-line" data-days={r().account.days ?? ''}>
              {runwayText(r().account, r().asOfMs)}
            </p>
            <dl class="runway-figures">
              <div>
                <dt>{t('runway.daily7')}</dt>
                <dd data-testid="runway-daily7">{cny(r().account.daily7)}</dd>
              </div>
              <div>
                <dt>{t('runway.daily30')}</dt>
                <dd data-testid="runway-daily30">{cny(r().account.daily30)}</dd>
              </div>
              <div>
                <dt>{t('runway.usable')}</dt>
                <dd data-testid="runway-usable">{cny(r().account.usable)}</dd>
              </div>
            </dl>
            <Show when={r().account.at30.untilMs !== r().account.untilMs}>
              <p class="muted small" data-testid="runway-at30">
                {runwayText(r().account.at30, r().asOfMs, 'runway30')}
              </p>
            </Show>
            <p class="muted small">{t('runway.explain')}</p>
          </>
        )}
      </Loaded>
    </section>
  );
}
