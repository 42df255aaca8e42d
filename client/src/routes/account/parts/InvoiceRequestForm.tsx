/**
 * The admin's invoice request: title, tax id, amount (at most what is available), email and
 * type. The request id is fresh for each submission; the server refuses an amount above the
 * available total with an issue on `amount`, shown under that field like any validation.
 */
import { createSignal, For, Show } from 'solid-js';
import { INVOICE_TYPES } from '../../../../../common/schemas.ts';
import { MoneyInput } from '../../../components/MoneyInput.tsx';
import { createAction, Fresh, FieldError, FormAlert } from '../../../console/form.tsx';
import { cny } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';
import { api, issueFor } from '../../../lib/trpc.ts';

type InvoiceType = (typeof INVOICE_TYPES)[number];
const PATHS = ['title', 'taxId', 'amount', 'email', 'type'] as const;

export function InvoiceRequestForm(props: {
  accountId: string;
  available: string;
  onRequested: () => void;
}) {
  const [title, setTitle] = createSignal('');
  const [taxId, setTaxId] = createSignal('');
  const [amount, setAmount] = createSignal('');
  /** Bumped after each success, so the amount field starts clean. */
  const [generation, setGeneration] = createSignal(0);
  const [email, setEmail] = createSignal('');
  const [type, setType] = createSignal<InvoiceType>('general');
  const [done, setDone] = createSignal<string | null>(null);
  const request = createAction(() =>
    api.invoices.request.mutate({
      accountId: props.accountId,
      requestId: crypto.randomUUID(),
      title: title(),
      taxId: taxId(),
      amount: amount(),
      email: email(),
      type: type(),
    }),
  );

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setDone(null);
    const invoice = await request.run();
    if (!invoice) return;
    setDone(invoice.amount);
    setTitle('');
    setTaxId('');
    setAmount('');
    setGeneration(generation() + 1);
    props.onRequested();
  };

  return (
    <form class="card" onSubmit={submit} aria-labelledby="invoice-request-title">
      <h2 id="invoice-request-title">{t('invoices.request.title')}</h2>
      <label>
        {t('invoices.field.title')}
        <input
          name="title"
          required
          maxLength={200}
          value={title()}
          onInput={(e) => setTitle(e.currentTarget.value)}
          data-testid="invoice-title"
        />
        <FieldError error={request.error()} path="title" />
      </label>
      <label>
        {t('invoices.field.taxId')}
        <input
          name="taxId"
          required
          autocapitalize="characters"
          autocomplete="off"
          maxLength={20}
          value={taxId()}
          onInput={(e) => setTaxId(e.currentTarget.value.toUpperCase().trim())}
          data-testid="invoice-tax-id"
        />
        <span class="muted hint">{t('invoices.field.taxIdHint')}</span>
        <FieldError error={request.error()} path="taxId" />
      </label>
      <Fresh generation={generation()}>
        <MoneyInput
          label={t('invoices.field.amount')}
          name="amount"
          id="invoice-amount"
          value={amount()}
          onInput={setAmount}
          error={issueFor(request.error(), 'amount')}
          testId="invoice-amount"
        />
      </Fresh>
      <p class="muted hint amount-hint">
        {t('invoices.field.amountHint', { available: cny(props.available) })}
      </p>
      <label>
        {t('invoices.field.email')}
        <input
          name="email"
          type="email"
          required
          autocomplete="email"
          value={email()}
          onInput={(e) => setEmail(e.currentTarget.value)}
          data-testid="invoice-email"
        />
        <FieldError error={request.error()} path="email" />
      </label>
      <label>
        {t('invoices.field.type')}
        <select
          name="type"
          value={type()}
          onChange={(e) => setType(e.currentTarget.value === 'special' ? 'special' : 'general')}
          data-testid="invoice-type"
        >
          <For each={INVOICE_TYPES}>
            {(kind) => <option value={kind}>{t(`invoices.type.${kind}`)}</option>}
          </For>
        </select>
        <FieldError error={request.error()} path="type" />
      </label>
      <FormAlert error={request.error()} paths={PATHS} />
      <Show when={done()}>
        {(requested) => (
          <p class="ok" role="status" data-testid="invoice-requested">
            {t('invoices.request.done', { amount: cny(requested()) })}
          </p>
        )}
      </Show>
      <button type="submit" disabled={request.busy()} data-testid="invoice-submit">
        {request.busy() ? t('console.submitting') : t('invoices.request.submit')}
      </button>
    </form>
  );
}
