/**
 * The account's invoices, newest first, each with its status (and number or reason), a link
 * to its details, and for admins a way to cancel a request still pending.
 */
import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { createAction, FormAlert } from '../../../console/form.tsx';
import { InvoiceStatus } from '../../../console/InvoiceStatus.tsx';
import type { Invoice } from '../../../console/types.ts';
import { money, time } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';
import { api } from '../../../lib/trpc.ts';

export function InvoiceHistory(props: {
  invoices: readonly Invoice[];
  accountId: string;
  canCancel: boolean;
  onCancelled: () => void;
}) {
  const columns = (): Column<Invoice>[] => [
    {
      header: t('invoices.col.requestedAt'),
      phone: 'meta',
      class: 'nowrap',
      cell: (invoice) => time(invoice.requestedAtMs),
    },
    {
      header: t('invoices.col.title'),
      phone: 'title',
      cell: (invoice) => (
        <>
          {invoice.title}
          <div class="muted small">{invoice.email}</div>
        </>
      ),
    },
    { header: t('invoices.col.taxId'), class: 'mono', cell: (invoice) => invoice.taxId },
    {
      header: t('invoices.col.type'),
      phone: 'meta',
      cell: (invoice) => t(`invoices.type.${invoice.type}`),
    },
    {
      header: t('invoices.col.amount'),
      numeric: true,
      phone: 'amount',
      cell: (invoice) => money(invoice.amount),
    },
    {
      header: t('invoices.col.status'),
      cell: (invoice) => <InvoiceStatus invoice={invoice} />,
    },
    {
      header: t('invoices.col.decidedAt'),
      class: 'nowrap',
      cell: (invoice) => time(invoice.decidedAtMs),
    },
    {
      header: t('console.actions'),
      headerHidden: true,
      phone: 'wide',
      class: 'row-actions',
      cell: (invoice) => (
        <>
          <A
            href={`/accounts/${props.accountId}/invoices/${invoice.invoiceId}`}
            data-testid="invoice-details"
          >
            {t('invoiceDetail.open')}
            <span class="visually-hidden">
              {' '}
              {t('invoiceDetail.openOf', { time: time(invoice.requestedAtMs) })}
            </span>
          </A>
          <Show when={props.canCancel && invoice.status === 'requested'}>
            <CancelInvoice invoice={invoice} onCancelled={props.onCancelled} />
          </Show>
        </>
      ),
    },
  ];
  return (
    <Show
      when={props.invoices.length > 0}
      fallback={
        <p class="muted" data-testid="invoices-empty">
          {t('invoices.history.empty')}
        </p>
      }
    >
      <DataTable
        label={t('invoices.tableLabel')}
        rowTestId="invoice-row"
        rowAttrs={(invoice) => ({
          'data-invoice-id': invoice.invoiceId,
          'data-status': invoice.status,
        })}
        rows={props.invoices}
        columns={columns()}
      />
    </Show>
  );
}

/** Withdraws a pending request; its amount becomes available again. */
export function CancelInvoice(props: { invoice: Invoice; onCancelled: () => void }) {
  const cancel = createAction(() =>
    api.invoices.cancel.mutate({ invoiceId: props.invoice.invoiceId }),
  );
  return (
    <>
      <button
        type="button"
        class="link danger-link"
        disabled={cancel.busy()}
        onClick={async () => {
          if (await cancel.run()) props.onCancelled();
        }}
        data-testid="invoice-cancel"
      >
        {t('invoiceDetail.cancel')}
        <span class="visually-hidden">
          {' '}
          {t('invoiceDetail.cancelOf', { amount: money(props.invoice.amount) })}
        </span>
      </button>
      <FormAlert error={cancel.error()} paths={[]} />
    </>
  );
}
