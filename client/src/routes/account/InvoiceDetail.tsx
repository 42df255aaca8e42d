/**
 * One invoice: its number and date once issued, its kind, the buyer as it is printed (name,
 * taxpayer id, and for a special VAT invoice the address, phone, bank and account), the
 * amount, and the history of its status. A pending request can be cancelled from here.
 */
import { A, useParams } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { BUYER_DETAILS } from '../../../../common/invoices.ts';
import { Loaded } from '../../console/Loaded.tsx';
import { InvoiceStatus } from '../../console/InvoiceStatus.tsx';
import type { Invoice } from '../../console/types.ts';
import { cny, date, time } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';
import { canWrite } from '../../lib/session.ts';
import { api } from '../../lib/trpc.ts';
import { CancelInvoice } from './parts/InvoiceHistory.tsx';
import '../../account.css';
import '../../console.css';

export default function InvoiceDetail() {
  const params = useParams<{ accountId: string; invoiceId: string }>();
  const [invoice, { refetch }] = createResource(
    () => params.invoiceId,
    (invoiceId) => api.invoices.get.query({ invoiceId }),
  );
  return (
    <section class="console-page" aria-labelledby="invoice-detail-title">
      <p>
        <A href={`/accounts/${params.accountId}/invoices`}>{t('invoiceDetail.back')}</A>
      </p>
      <Loaded of={invoice}>
        {(current) => (
          <InvoiceCard
            invoice={current()}
            canCancel={canWrite(params.accountId)}
            onCancelled={() => void refetch()}
          />
        )}
      </Loaded>
    </section>
  );
}

function InvoiceCard(props: { invoice: Invoice; canCancel: boolean; onCancelled: () => void }) {
  const inv = () => props.invoice;
  return (
    <>
      <h1 id="invoice-detail-title">
        {inv().invoiceNumber
          ? t('invoiceDetail.titleIssued', { number: inv().invoiceNumber ?? '' })
          : t('invoiceDetail.titleRequest')}
      </h1>
      <div class="card" data-testid="invoice-detail" data-status={inv().status}>
        <dl class="details">
          <dt>{t('invoiceDetail.status')}</dt>
          <dd>
            <InvoiceStatus invoice={inv()} />
          </dd>
          <dt>{t('invoiceDetail.number')}</dt>
          <dd class="mono" data-testid="invoice-detail-number">
            {inv().invoiceNumber ?? '—'}
          </dd>
          <dt>{t('invoiceDetail.issuedOn')}</dt>
          <dd data-testid="invoice-detail-date">
            {inv().status === 'issued' ? date(inv().decidedAtMs) : '—'}
          </dd>
          <dt>{t('invoices.field.type')}</dt>
          <dd data-testid="invoice-detail-type">{t(`invoices.type.${inv().type}`)}</dd>
          <dt>{t('invoices.field.title')}</dt>
          <dd data-testid="invoice-detail-title">{inv().title}</dd>
          <dt>{t('invoices.field.taxId')}</dt>
          <dd class="mono" data-testid="invoice-detail-tax-id">
            {inv().taxId}
          </dd>
          <For each={BUYER_DETAILS.filter((field) => inv()[field] !== null)}>
            {(field) => (
              <>
                <dt>{t(`invoices.field.${field}`)}</dt>
                <dd data-testid={`invoice-detail-${field}`}>{inv()[field]}</dd>
              </>
            )}
          </For>
          <dt>{t('invoices.field.amount')}</dt>
          <dd data-testid="invoice-detail-amount">{cny(inv().amount)}</dd>
          <dt>{t('invoices.field.email')}</dt>
          <dd>{inv().email}</dd>
        </dl>
        <Show when={props.canCancel && inv().status === 'requested'}>
          <CancelInvoice invoice={inv()} onCancelled={props.onCancelled} />
        </Show>
      </div>
      <h2>{t('invoiceDetail.historyTitle')}</h2>
      <ol class="status-history" data-testid="invoice-history">
        <For each={inv().history}>
          {(change) => (
            <li data-status={change.status}>
              <span class={`badge ${change.status}`}>{t(`invoices.status.${change.status}`)}</span>{' '}
              <span class="nowrap">{time(change.atMs)}</span>
            </li>
          )}
        </For>
      </ol>
    </>
  );
}
