/**
 * Manage vouchers: the account's vouchers, filtered by status (asked of the server) and by
 * type (filtered here), with a warning on those expiring within 30 days; and *Activate
 * voucher* for admins.
 */
import { createResource, createSignal, For, Show } from 'solid-js';
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
  return (
    <Show when={props.vouchers.length > 0} fallback={<p class="muted">{t('common.empty')}</p>}>
      <div
        class="table-wrap"
        role="region"
        aria-label={t('vouchers.listTitle')}
        // Focusable, so a keyboard can scroll the table sideways on a narrow screen.
        tabIndex={0}
      >
        <table data-testid="vouchers-table">
          <thead>
            <tr>
              <th scope="col">{t('vouchers.number')}</th>
              <th scope="col">{t('vouchers.type')}</th>
              <th scope="col" class="amount">
                {t('vouchers.denomination')}
              </th>
              <th scope="col" class="amount">
                {t('vouchers.balance')}
              </th>
              <th scope="col">{t('vouchers.status')}</th>
              <th scope="col">{t('vouchers.activatedAt')}</th>
              <th scope="col">{t('vouchers.validity')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.vouchers}>
              {(voucher) => (
                <tr data-testid="voucher-row" data-number={voucher.number}>
                  <td class="mono">{voucher.number}</td>
                  <td>{t(`components.voucherType.${voucher.type}`)}</td>
                  <td class="amount">{cny(voucher.denomination)}</td>
                  <td class="amount" data-testid="voucher-balance">
                    {cny(voucher.balance)}
                  </td>
                  <td>
                    <Badge status={voucher.status} />
                  </td>
                  <td class="nowrap">{time(voucher.activatedAtMs)}</td>
                  <td>
                    <Validity
                      fromMs={voucher.validFromMs}
                      toMs={voucher.expiresAtMs}
                      status={voucher.status}
                      nowMs={now()}
                    />
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
