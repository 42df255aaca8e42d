/**
 * An invoice's status as a badge: requested, issued (with its number), rejected (why) or
 * cancelled by the account.
 */
import { Match, Switch } from 'solid-js';
import { t } from '../lib/i18n.ts';
import type { Invoice } from './types.ts';

export function InvoiceStatus(props: { invoice: Invoice }) {
  return (
    <span class="invoice-status">
      <span
        class={`badge ${props.invoice.status}`}
        data-testid="invoice-status"
        data-status={props.invoice.status}
      >
        {t(`invoices.status.${props.invoice.status}`)}
      </span>
      <Switch>
        <Match when={props.invoice.status === 'issued' && props.invoice.invoiceNumber}>
          {(number) => (
            <span class="mono" data-testid="invoice-number">
              {t('invoices.numberIs', { number: number() })}
            </span>
          )}
        </Match>
        <Match when={props.invoice.status === 'rejected' && props.invoice.rejectReason}>
          {(reason) => (
            <span class="muted" data-testid="invoice-reject-reason">
              {t('invoices.reasonIs', { reason: reason() })}
            </span>
          )}
        </Match>
      </Switch>
    </span>
  );
}
