/**
 * Invoices of the account: what is invoiceable (cash actually paid), what is invoiced and
 * pending, what a new request may ask for; the request form (admins only, and only while
 * something is available: otherwise the page says why) and the history with each invoice's
 * status, a way to its details, and cancelling a pending request.
 */
import { useParams } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { amountToFen } from '../../../../common/money.ts';
import { Loaded } from '../../console/Loaded.tsx';
import { cny } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';
import { canWrite } from '../../lib/session.ts';
import { api } from '../../lib/trpc.ts';
import { InvoiceHistory } from './parts/InvoiceHistory.tsx';
import { InvoiceRequestForm } from './parts/InvoiceRequestForm.tsx';
import '../../account.css';
import '../../console.css';

const SUMMARY = [
  ['invoiceable', 'invoices.summary.invoiceable'],
  ['invoiced', 'invoices.summary.invoiced'],
  ['pending', 'invoices.summary.pending'],
  ['available', 'invoices.summary.available'],
] as const;

export default function Invoices() {
  const params = useParams<{ accountId: string }>();
  const [summary, { refetch: refetchSummary }] = createResource(
    () => params.accountId,
    (accountId) => api.invoices.summary.query({ accountId }),
  );
  const [invoices, { refetch: refetchInvoices }] = createResource(
    () => params.accountId,
    (accountId) => api.invoices.list.query({ accountId }),
  );
  const refresh = () => {
    void refetchSummary();
    void refetchInvoices();
  };

  return (
    <section class="console-page" aria-labelledby="invoices-title">
      <h1 id="invoices-title">{t('invoices.title')}</h1>
      <p class="muted small">{t('invoices.explain')}</p>
      <Loaded of={summary}>
        {(current) => (
          <>
            <div class="cards-row">
              <For each={SUMMARY}>
                {([key, label]) => (
                  <div class="card stat">
                    <div class="label">{t(label)}</div>
                    <div class="value" data-testid={`invoices-${key}`}>
                      {cny(current()[key])}
                    </div>
                  </div>
                )}
              </For>
            </div>
            <Show
              when={canWrite(params.accountId)}
              fallback={
                <p class="muted" data-testid="invoices-readonly">
                  {t('console.readOnly')}
                </p>
              }
            >
              <Show
                when={amountToFen(current().available) > 0}
                fallback={
                  <p class="notice" role="note" data-testid="invoices-nothing-available">
                    {t(
                      amountToFen(current().pending) > 0
                        ? 'invoiceForm.nothingAvailablePending'
                        : 'invoiceForm.nothingAvailable',
                      { pending: cny(current().pending) },
                    )}
                  </p>
                }
              >
                <InvoiceRequestForm
                  accountId={params.accountId}
                  available={current().available}
                  onRequested={refresh}
                />
              </Show>
            </Show>
          </>
        )}
      </Loaded>
      <h2>{t('invoices.history.title')}</h2>
      <Loaded of={invoices}>
        {(list) => (
          <InvoiceHistory
            invoices={list()}
            accountId={params.accountId}
            canCancel={canWrite(params.accountId)}
            onCancelled={refresh}
          />
        )}
      </Loaded>
    </section>
  );
}
