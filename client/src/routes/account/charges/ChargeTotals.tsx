/**
 * Totals of every charge the filter selects (not only the pages loaded): the sum and how it
 * was paid. The server adds them up with SQL over the same filter as the list.
 */
import { For } from 'solid-js';
import { cny } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';
import type { api } from '../../../lib/trpc.ts';

type Totals = Awaited<ReturnType<typeof api.charges.totals.query>>;

const WAYS = ['voucher', 'card', 'cash', 'overdue', 'cloud'] as const;

export function ChargeTotals(props: { totals: Totals }) {
  return (
    <section
      class="card charge-totals"
      aria-labelledby="charge-totals-title"
      data-testid="charges-totals"
    >
      <h2 id="charge-totals-title" class="visually-hidden">
        {t('charges.totals.title')}
      </h2>
      <dl class="totals-grid">
        <div class="total-main">
          <dt>
            {t('charges.totals.amount')}{' '}
            <span class="muted small" data-testid="charges-total-count">
              {t('charges.totals.count', { n: props.totals.count })}
            </span>
          </dt>
          <dd class="amount" data-testid="charges-total-amount">
            {cny(props.totals.amount)}
          </dd>
        </div>
        <For each={WAYS}>
          {(way) => (
            <div>
              <dt>{t(`charges.totals.${way}`)}</dt>
              <dd class="amount" data-testid={`charges-total-${way}`}>
                {cny(props.totals[way])}
              </dd>
            </div>
          )}
        </For>
      </dl>
    </section>
  );
}
