/**
 * Manage vouchers: the account's vouchers, filtered by status (asked of the server) and by
 * type (filtered here), with a warning on those expiring within 30 days; and *Activate
 * voucher* for admins.
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { cny, time } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';
import { canWrite } from '../../lib/session.ts';
import { api } from '../../lib/trpc.ts';
import '../../account.css';
import { Badge, createNow, Loaded, useAccountId, Validity, type Voucher } from './shared.tsx';
import { ActivateVoucher } from './vouchers/ActivateVoucher.tsx';

const STATUSES = ['active', 'used_up', 'expired', 'voided'] as const;
const TYPES = ['regular', 'discount'] as const;
type Status = (typeof STATUSES)[number];
type VoucherType = (typeof TYPES)[number];

function VoucherTable(props: { vouchers: readonly Voucher[] }) {
  const now = createNow(60_000);
  const columns = (): Column<Voucher>[] => [
    {
      header: t('vouchers.number'),
      phone: 'title',
      class: 'mono nowrap',
      cell: (voucher) => voucher.number,
    },
    {
      header: t('vouchers.type'),
      phone: 'meta',
      cell: (voucher) => t(`components.voucherType.${voucher.type}`),
    },
    {
      header: t('vouchers.denomination'),
      numeric: true,
      cell: (voucher) => cny(voucher.denomination),
    },
    {
      header: t('vouchers.balance'),
      numeric: true,
      phone: 'amount',
      testId: 'voucher-balance',
      cell: (voucher) => cny(voucher.balance),
    },
    {
      header: t('vouchers.status'),
      phone: 'meta',
      cell: (voucher) => <Badge status={voucher.status} />,
    },
    {
      header: t('vouchers.activatedAt'),
      class: 'nowrap',
      cell: (voucher) => time(voucher.activatedAtMs),
    },
    {
      header: t('vouchers.validity'),
      cell: (voucher) => (
        <Validity
          fromMs={voucher.validFromMs}
          toMs={voucher.expiresAtMs}
          status={voucher.status}
          nowMs={now()}
        />
      ),
    },
  ];
  return (
    <Show when={props.vouchers.length > 0} fallback={<p class="muted">{t('common.empty')}</p>}>
      <DataTable
        label={t('vouchers.tableLabel')}
        testId="vouchers-table"
        rowTestId="voucher-row"
        rowAttrs={(voucher) => ({ 'data-number': voucher.number })}
        rows={props.vouchers}
        columns={columns()}
      />
    </Show>
  );
}

export default function Vouchers() {
  const accountId = useAccountId();
  const [status, setStatus] = createSignal<Status | ''>('');
  const [type, setType] = createSignal<VoucherType | ''>('');
  const [vouchers, { refetch }] = createResource(
    () => ({ accountId: accountId(), status: status() || undefined }),
    (input) => api.vouchers.list.query(input),
  );
  const ofType = (list: readonly Voucher[]) =>
    type() ? list.filter((voucher) => voucher.type === type()) : list;

  return (
    <section class="account-page" aria-labelledby="vouchers-title">
      <h1 id="vouchers-title">{t('vouchers.title')}</h1>
      <Show when={canWrite(accountId())}>
        <ActivateVoucher accountId={accountId()} onActivated={() => void refetch()} />
      </Show>
      <h2>{t('vouchers.listTitle')}</h2>
      <div class="filters">
        <label>
          {t('vouchers.status')}
          <select
            value={status()}
            onChange={(event) => setStatus(event.currentTarget.value as Status | '')}
            data-testid="vouchers-status-filter"
          >
            <option value="">{t('vouchers.all')}</option>
            <For each={STATUSES}>
              {(s) => <option value={s}>{t(`components.status.${s}`)}</option>}
            </For>
          </select>
        </label>
        <label>
          {t('vouchers.type')}
          <select
            value={type()}
            onChange={(event) => setType(event.currentTarget.value as VoucherType | '')}
            data-testid="vouchers-type-filter"
          >
            <option value="">{t('vouchers.all')}</option>
            <For each={TYPES}>
              {(kind) => <option value={kind}>{t(`components.voucherType.${kind}`)}</option>}
            </For>
          </select>
        </label>
      </div>
      <Loaded of={vouchers}>{(list) => <VoucherTable vouchers={ofType(list())} />}</Loaded>
    </section>
  );
}
