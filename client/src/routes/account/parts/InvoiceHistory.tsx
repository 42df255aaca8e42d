/** The account's invoices, newest first, each with its status (and number or reason). */
import { For, Show } from 'solid-js';
import { InvoiceStatus } from '../../../console/InvoiceStatus.tsx';
import type { Invoice } from '../../../console/types.ts';
import { money, time } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';

export function InvoiceHistory(props: { invoices: readonly Invoice[] }) {
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
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </Show>
  );
}
