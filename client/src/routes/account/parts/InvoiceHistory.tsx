/** The account's invoices, newest first, each with its status (and number or reason). */
import { Show } from 'solid-js';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { InvoiceStatus } from '../../../console/InvoiceStatus.tsx';
import type { Invoice } from '../../../console/types.ts';
import { money, time } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';

export function InvoiceHistory(props: { invoices: readonly Invoice[] }) {
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
