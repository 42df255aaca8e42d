/**
 * The cells of an invoice in the operator's queue (the table is in ../Invoices.tsx): who asks,
 * by account name, and the decision. A requested one can be issued (with its invoice number,
 * unique across all invoices) or rejected (with a reason the admin will read).
 */
import { A } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { BUYER_DETAILS } from '../../../../../common/invoices.ts';
import { createAction, FieldError, FormAlert } from '../../../console/form.tsx';
import { InvoiceStatus } from '../../../console/InvoiceStatus.tsx';
import type { Invoice, Outputs } from '../../../console/types.ts';
import { t } from '../../../lib/i18n.ts';
import { api } from '../../../lib/trpc.ts';

export type QueuedInvoice = Outputs['invoices']['queue'][number];

/** Who asks, by account name (linking to the account), and what the invoice is made out to. */
export function QueueRequest(props: { invoice: QueuedInvoice }) {
  const inv = () => props.invoice;
  return (
    <>
      <A
        href={`/operator/accounts/${inv().accountId}`}
        title={inv().accountId}
        data-testid="queue-account"
      >
        {inv().accountName}
      </A>
      <div>{inv().title}</div>
      <div class="muted small">
        <span class="mono">{inv().taxId}</span> · {inv().email}
      </div>
      <Show when={inv().type === 'special'}>
        <BuyerDetails invoice={inv()} />
      </Show>
    </>
  );
}

function BuyerDetails(props: { invoice: Invoice }) {
  return (
    <dl class="buyer-details small" data-testid="queue-buyer">
      <For each={BUYER_DETAILS}>
        {(field) => (
          <>
            <dt class="muted">{t(`invoices.field.${field}`)}</dt>
            <dd>{props.invoice[field] ?? '—'}</dd>
          </>
        )}
      </For>
    </dl>
  );
}


/** The decision: issue with a number or reject with a reason; once decided, the outcome. */
export function Decision(props: { invoice: Invoice; onDecided: (decided: Invoice) => void }) {
  return (
    <Show
      when={props.invoice.status === 'requested'}
      fallback={<InvoiceStatus invoice={props.invoice} />}
    >
      <Decide invoice={props.invoice} onDecided={props.onDecided} />
    </Show>
  );
}

function Decide(props: { invoice: Invoice; onDecided: (decided: Invoice) => void }) {
  const [number, setNumber] = createSignal('');
  const [reason, setReason] = createSignal('');
  const id = props.invoice.invoiceId;
  const issue = createAction(() =>
    api.invoices.issue.mutate({ invoiceId: id, invoiceNumber: number() }),
  );
  const reject = createAction(() =>
    api.invoices.reject.mutate({ invoiceId: id, reason: reason() }),
  );
  const busy = () => issue.busy() || reject.busy();
  const onIssue = async (event: SubmitEvent) => {
    event.preventDefault();
    reject.reset();
    const decided = await issue.run();
    if (decided) props.onDecided(decided);
  };
  const onReject = async (event: SubmitEvent) => {
    event.preventDefault();
    issue.reset();
    const decided = await reject.run();
    if (decided) props.onDecided(decided);
  };

  return (
    <div class="decide">
      <form class="decide-form" onSubmit={onIssue}>
        <label>
          {t('operator.queue.number')}
          <input
            name="invoiceNumber"
            required
            autocomplete="off"
            value={number()}
            onInput={(e) => setNumber(e.currentTarget.value.trim())}
            data-testid="queue-number"
          />
          <FieldError error={issue.error()} path="invoiceNumber" />
        </label>
        <FormAlert error={issue.error()} paths={['invoiceNumber']} />
        <button type="submit" disabled={busy()} data-testid="queue-issue">
          {t('operator.queue.issue')}
        </button>
      </form>
      <form class="decide-form" onSubmit={onReject}>
        <label>
          {t('operator.queue.reason')}
          <input
            name="reason"
            required
            maxLength={200}
            value={reason()}
            onInput={(e) => setReason(e.currentTarget.value)}
            data-testid="queue-reason"
          />
          <FieldError error={reject.error()} path="reason" />
        </label>
        <FormAlert error={reject.error()} paths={['reason']} />
        <button type="submit" class="danger" disabled={busy()} data-testid="queue-reject">
          {t('operator.queue.reject')}
        </button>
      </form>
    </div>
  );
}
