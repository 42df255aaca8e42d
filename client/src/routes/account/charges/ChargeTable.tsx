/** Charges as a table (cards on a phone): one row per charge, linking to how it was paid. */
import { Show } from 'solid-js';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { ShortId } from '../../../components/ShortId.tsx';
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
  const columns = (): Column<Charge>[] => [
    {
      header: t('charges.settledAt'),
      phone: 'meta',
      class: 'nowrap',
      cell: (charge) => time(charge.settledAtMs),
    },
    {
      header: t('charges.charge'),
      phone: 'title',
      cell: (charge) => (
        <>
          <ShortId
            id={charge.chargeId}
            href={detailHref(charge.chargeId)}
            linkTestId="charge-link"
          />
          <Show when={charge.description}>
            <div class="muted small charge-description">{charge.description}</div>
          </Show>
        </>
      ),
    },
    {
      header: t('charges.workspace'),
      phone: 'meta',
      cell: (charge) => workspaceName(charge.workspaceId),
    },
    {
      header: t('charges.category'),
      phone: 'meta',
      cell: (charge) => t(`components.category.${charge.category}`),
    },
    { header: t('charges.period'), class: 'nowrap', cell: (charge) => period(charge) },
    {
      header: t('charges.amount'),
      numeric: true,
      phone: 'amount',
      testId: 'charge-amount',
      cell: (charge) => money(charge.amount),
    },
    { header: t('charges.paid'), numeric: true, cell: (charge) => money(charge.paid) },
    { header: t('charges.unpaid'), numeric: true, cell: (charge) => <Unpaid charge={charge} /> },
  ];
  return (
    <Show when={props.charges.length > 0} fallback={<p class="muted">{t('common.empty')}</p>}>
      <DataTable
        label={t('charges.tableLabel')}
        testId="charges-table"
        rowTestId="charge-row"
        rowAttrs={(charge) => ({ 'data-charge-id': charge.chargeId })}
        rows={props.charges}
        columns={columns()}
      />
    </Show>
  );
}

/** What the wallet did not cover: added to overdue, or billed to the cloud account. */
function Unpaid(props: { charge: Charge }) {
  return (
    <>
      <Show when={props.charge.overdue !== '0.00'}>
        <span class="negative">
          {t('charges.toOverdue', { amount: money(props.charge.overdue) })}
        </span>
      </Show>
      <Show when={props.charge.cloud !== '0.00'}>
        <span class="warn">{t('charges.toCloud', { amount: money(props.charge.cloud) })}</span>
      </Show>
      <Show when={props.charge.overdue === '0.00' && props.charge.cloud === '0.00'}>
        <span class="muted">—</span>
      </Show>
    </>
  );
}
