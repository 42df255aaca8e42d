/**
 * The operator's invoice queue: requests waiting for a decision (oldest first), or the ones
 * already issued, rejected or cancelled by their account.
 */
import { INVOICE_STATUSES, type InvoiceStatus } from '../../../../common/invoices.ts';
import { createResource, createSignal, For, Show } from 'solid-js';
import { Loaded } from '../../console/Loaded.tsx';
import { OperatorNav } from '../../console/OperatorNav.tsx';
import type { Invoice } from '../../console/types.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { cny, money, time } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';
import { api } from '../../lib/trpc.ts';
import { Decision, QueueRequest, type QueuedInvoice } from './parts/QueueRow.tsx';
import '../../console.css';

const STATUSES = INVOICE_STATUSES;
type QueueStatus = InvoiceStatus;

export default function OperatorInvoices() {
  const [status, setStatus] = createSignal<QueueStatus>('requested');
  const [queue, { refetch }] = createResource(status, (s) =>
    api.invoices.queue.query({ status: s }),
  );
  const [decided, setDecided] = createSignal<Invoice | null>(null);
  const onDecided = (invoice: Invoice) => {
    setDecided(invoice);
    void refetch();
  };

  return (
    <section class="console-page" aria-labelledby="queue-title">
      <OperatorNav />
      <h1 id="queue-title">{t('operator.queue.title')}</h1>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('operator.queue.status')}
          <select
            value={status()}
            onChange={(e) => {
              setDecided(null);
              setStatus(STATUSES.find((s) => s === e.currentTarget.value) ?? 'requested');
            }}
            data-testid="queue-status"
          >
            <For each={STATUSES}>
              {(s) => <option value={s}>{t(`invoices.status.${s}`)}</option>}
            </For>
          </select>
        </label>
      </form>
      <Show when={decided()}>
        {(invoice) => (
          <p class="ok" role="status" data-testid="queue-done">
            {invoice().status === 'issued'
              ? t('operator.queue.issued', {
                  number: invoice().invoiceNumber ?? '',
                  amount: cny(invoice().amount),
                })
              : t('operator.queue.rejected', { amount: cny(invoice().amount) })}
          </p>
        )}
      </Show>
      <Loaded of={queue}>
        {(list) => (
          <Show
            when={list().length > 0}
            fallback={
              <p class="muted" data-testid="queue-empty">
                {t('operator.queue.empty')}
              </p>
            }
          >
            <QueueTable invoices={list()} onDecided={onDecided} />
          </Show>
        )}
      </Loaded>
    </section>
  );
}

function QueueTable(props: {
  invoices: readonly QueuedInvoice[];
  onDecided: (invoice: Invoice) => void;
}) {
  const columns = (): Column<QueuedInvoice>[] => [
    {
      header: t('invoices.col.requestedAt'),
      phone: 'meta',
      class: 'nowrap',
      cell: (invoice) => time(invoice.requestedAtMs),
    },
    {
      header: t('operator.queue.request'),
      phone: 'title',
      cell: (invoice) => <QueueRequest invoice={invoice} />,
    },
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
      header: t('operator.queue.decision'),
      phone: 'wide',
      cell: (invoice) => <Decision invoice={invoice} onDecided={props.onDecided} />,
    },
  ];
  return (
    <DataTable
      label={t('operator.queue.tableLabel')}
      rowTestId="queue-row"
      rowAttrs={(invoice) => ({
        'data-invoice-id': invoice.invoiceId,
        'data-status': invoice.status,
      })}
      rows={props.invoices}
      columns={columns()}
    />
  );
}
