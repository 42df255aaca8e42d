/**
 * The account's invoices, newest first, each with its status (and number or reason), a link
 * to its details, and for admins a way to cancel a request still pending.
 */
import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
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
  return (
    <Show
      when={props.invoices.length > 0}
      fallback={
        <p class="muted" data-testid="invoices-empty">
          {t('invoices.history.empty')}
        </p>
      }
    >
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('invoices.col.requestedAt')}</th>
              <th scope="col">{t('invoices.col.title')}</th>
              <th scope="col">{t('invoices.col.taxId')}</th>
              <th scope="col">{t('invoices.col.type')}</th>
              <th scope="col" class="amount">
                {t('invoices.col.amount')}
              </th>
              <th scope="col">{t('invoices.col.status')}</th>
              <th scope="col">{t('invoices.col.decidedAt')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('console.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={props.invoices}>
              {(invoice) => (
                <tr
                  data-testid="invoice-row"
                  data-invoice-id={invoice.invoiceId}
                  data-status={invoice.status}
                >
                  <td class="nowrap">{time(invoice.requestedAtMs)}</td>
                  <td>
                    {invoice.title}
                    <div class="muted small">{invoice.email}</div>
                  </td>
                  <td class="mono">{invoice.taxId}</td>
                  <td>{t(`invoices.type.${invoice.type}`)}</td>
                  <td class="amount">{money(invoice.amount)}</td>
                  <td>
                    <InvoiceStatus invoice={invoice} />
                  </td>
                  <td class="nowrap">{time(invoice.decidedAtMs)}</td>
                  <td class="row-actions">
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
