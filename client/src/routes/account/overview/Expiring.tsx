/** Vouchers and cards that expire within 30 days, soonest first, with a warning. */
import { For, Show } from 'solid-js';
import { cny, daysUntil, time } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';
import type { AccountView } from '../shared.tsx';

export function Expiring(props: { items: AccountView['expiringSoon'] }) {
  return (
    <section aria-labelledby="expiring-title" data-testid="overview-expiring">
      <h2 id="expiring-title">{t('overview.expiringTitle')}</h2>
      <Show
        when={props.items.length > 0}
        fallback={<p class="muted">{t('overview.expiringNone')}</p>}
      >
        <p class="warn" role="note">
          {t('overview.expiringWarning', { n: props.items.length })}
        </p>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('overview.kind')}</th>
                <th scope="col">{t('overview.number')}</th>
                <th scope="col" class="amount">
                  {t('overview.remaining')}
                </th>
                <th scope="col">{t('overview.expiresAt')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.items}>
                {(item) => (
                  <tr data-testid="overview-expiring-item">
                    <td>{t(`components.kind.${item.kind}`)}</td>
                    <td>{item.number}</td>
                    <td class="amount">{cny(item.balance)}</td>
                    <td>
                      {time(item.expiresAtMs)}{' '}
                      <span class="warn nowrap">
                        {t('components.expiresIn', { days: daysUntil(item.expiresAtMs) })}
                      </span>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </section>
  );
}
