/** Vouchers and cards that expire within 30 days, soonest first, with a warning. */
import { Show } from 'solid-js';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { cny, daysUntil, time } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';
import type { AccountView } from '../shared.tsx';

type Item = AccountView['expiringSoon'][number];

export function Expiring(props: { items: AccountView['expiringSoon'] }) {
  const columns = (): Column<Item>[] => [
    {
      header: t('overview.kind'),
      phone: 'meta',
      cell: (item) => t(`components.kind.${item.kind}`),
    },
    {
      header: t('overview.number'),
      phone: 'title',
      class: 'mono nowrap',
      cell: (item) => item.number,
    },
    {
      header: t('overview.remaining'),
      numeric: true,
      phone: 'amount',
      cell: (item) => cny(item.balance),
    },
    {
      header: t('overview.expiresAt'),
      cell: (item) => (
        <>
          {time(item.expiresAtMs)}{' '}
          <span class="warn nowrap">
            {t('components.expiresIn', { days: daysUntil(item.expiresAtMs) })}
          </span>
        </>
      ),
    },
  ];
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
        <DataTable
          label={t('overview.expiringLabel')}
          rowTestId="overview-expiring-item"
          rows={props.items}
          columns={columns()}
        />
      </Show>
    </section>
  );
}
