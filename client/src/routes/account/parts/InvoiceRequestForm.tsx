/**
 * The admin's invoice request. The kind comes first, because it decides what is asked: a
 * general VAT invoice needs the buyer's name and taxpayer id; a special VAT invoice also the
 * registered address and phone, bank and account number (common/invoices.ts). The form
 * checks itself with the API's own schema and against what is available before sending, so
 * a request that must fail is not sent; the server's answer is shown by field as well. The
 * request id is fresh for each submission; after a request the buyer's details stay for the
 * next one.
 */
import { createSignal, For, Show } from 'solid-js';
import * as v from 'valibot';
import {
  BUYER_DETAILS,
  INVOICE_TYPES,
  REQUIRED_BUYER_DETAILS,
  type BuyerDetail,
  type InvoiceType,
} from '../../../../../common/invoices.ts';
import { amountToFen, parseAmountFen } from '../../../../../common/money.ts';
import { RequestInvoiceInput } from '../../../../../common/schemas.ts';
import { MoneyInput, reasonText } from '../../../components/MoneyInput.tsx';
import { createAction, Fresh, FormAlert } from '../../../console/form.tsx';
import { cny } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';
import { api, issueFor } from '../../../lib/trpc.ts';

const PATHS = ['title', 'taxId', 'amount', 'email', 'type', ...BUYER_DETAILS] as const;
type TextField = 'title' | 'taxId' | 'email' | BuyerDetail;

interface FieldSpec {
  readonly type?: 'text' | 'email' | 'tel';
  readonly autocomplete: string;
  readonly inputmode?: 'text' | 'email' | 'tel' | 'numeric';
  readonly max: number;
}

/** How each text field is typed: its input attributes beyond name and value. */
const FIELD_INPUT: Record<TextField, FieldSpec> = {
  title: { autocomplete: 'organization', max: 200 },
  taxId: { autocomplete: 'off', max: 20 },
  email: { type: 'email', autocomplete: 'email', max: 200 },
  address: { autocomplete: 'street-address', max: 200 },
  phone: { type: 'tel', autocomplete: 'tel', max: 30 },
  bankName: { autocomplete: 'off', max: 200 },
  bankAccount: { autocomplete: 'off', inputmode: 'numeric', max: 40 },
};

export function InvoiceRequestForm(props: {
  accountId: string;
  available: string;
  onRequested: () => void;
}) {
  const [type, setType] = createSignal<InvoiceType>('general');
  const [text, setText] = createSignal<Record<TextField, string>>(emptyText());
  const [amount, setAmount] = createSignal('');
  const [attempted, setAttempted] = createSignal(false);
  /** Bumped after each success, so the amount starts clean (no "required" reason). */
  const [generation, setGeneration] = createSignal(0);
  const [done, setDone] = createSignal<string | null>(null);

  const details = () => REQUIRED_BUYER_DETAILS[type()];
  const input = () => {
    const fields = text();
    const sent: Record<string, string> = {};
    // Details the kind does not ask for are not sent, nor are empty ones (the schema says
    // which are missing).
    for (const field of details()) if (fields[field].trim() !== '') sent[field] = fields[field];
    return {
      accountId: props.accountId,
      requestId: 'check',
      title: fields.title,
      taxId: fields.taxId,
      amount: amount(),
      email: fields.email.trim(),
      type: type(),
      ...sent,
    };
  };
  const localIssues = (): Partial<Record<string, string>> => {
    const checked = v.safeParse(RequestInvoiceInput, input());
    const issues: Partial<Record<string, string>> = {};
    for (const issue of checked.issues ?? []) {
      const path = v.getDotPath(issue);
      if (path && !issues[path]) issues[path] = reasonText(issue);
    }
    const typed = parseAmountFen(amount());
    if (!issues.amount && typed.ok && typed.fen > amountToFen(props.available)) {
      issues.amount = t('invoiceForm.aboveAvailable', { available: cny(props.available) });
    }
    return issues;
  };
  const request = createAction(() =>
    api.invoices.request.mutate({ ...input(), requestId: crypto.randomUUID() }),
  );
  const reasonFor = (path: string) => {
    // The server's issue comes in words already (lib/errors.ts), as the local ones do.
    const fromServer = issueFor(request.error(), path);
    if (fromServer) return fromServer;
    return attempted() ? localIssues()[path] : undefined;
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setDone(null);
    setAttempted(true);
    if (Object.keys(localIssues()).length > 0) return;
    const invoice = await request.run();
    if (!invoice) return;
    setDone(invoice.amount);
    setAttempted(false);
    // The buyer is usually the same next time: only the amount starts empty.
    setAmount('');
    setGeneration(generation() + 1);
    props.onRequested();
  };

  const field = (name: TextField) => (
    <TextInput
      name={name}
      value={text()[name]}
      reason={reasonFor(name)}
      onInput={(value) => {
        setText((fields) => ({ ...fields, [name]: value }));
        request.reset();
      }}
    />
  );

  return (
    <form
      class="card"
      onSubmit={submit}
      aria-labelledby="invoice-request-title"
      novalidate
      data-testid="invoice-form"
    >
      <h2 id="invoice-request-title">{t('invoices.request.title')}</h2>
      <fieldset class="invoice-kind">
        <legend>{t('invoices.field.type')}</legend>
        <For each={INVOICE_TYPES}>
          {(kind) => (
            <label class="radio">
              <input
                type="radio"
                name="type"
                value={kind}
                checked={type() === kind}
                onChange={() => setType(kind)}
                data-testid={`invoice-type-${kind}`}
              />
              {t(`invoices.type.${kind}`)}
            </label>
          )}
        </For>
        <span class="muted hint">{t(`invoiceForm.kindHint.${type()}`)}</span>
      </fieldset>
      <Fresh generation={generation()}>
        {field('title')}
        {field('taxId')}
        <For each={details()}>{(name) => field(name)}</For>
        <MoneyInput
          label={t('invoices.field.amount')}
          name="amount"
          id="invoice-amount"
          value={amount()}
          onInput={(value) => {
            setAmount(value);
            request.reset();
          }}
          error={reasonFor('amount')}
          testId="invoice-amount"
        />
      </Fresh>
      <p class="muted hint amount-hint">
        {t('invoices.field.amountHint', { available: cny(props.available) })}
      </p>
      {field('email')}
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

function emptyText(): Record<TextField, string> {
  return { title: '', taxId: '', email: '', address: '', phone: '', bankName: '', bankAccount: '' };
}

/** One labelled text field with its reason under it. */
function TextInput(props: {
  name: TextField;
  value: string;
  reason: string | undefined;
  onInput: (value: string) => void;
}) {
  const id = () => `invoice-${props.name}`;
  const spec = () => FIELD_INPUT[props.name];
  // Taxpayer ids are capital letters and digits: typing in lower case is not a mistake.
  const clean = (value: string) =>
    props.name === 'taxId' ? value.toUpperCase().replace(/\s/g, '') : value;
  return (
    <div class="field">
      <label for={id()}>{t(`invoices.field.${props.name}`)}</label>
      <input
        id={id()}
        name={props.name}
        type={spec().type ?? 'text'}
        inputmode={spec().inputmode}
        autocomplete={spec().autocomplete}
        maxLength={spec().max}
        value={props.value}
        aria-invalid={props.reason ? 'true' : 'false'}
        aria-describedby={props.reason ? `${id()}-error` : `${id()}-hint`}
        onInput={(e) => props.onInput(clean(e.currentTarget.value))}
        data-testid={`invoice-${kebab(props.name)}`}
      />
      <Show when={props.reason}>
        {(reason) => (
          <span class="field-error" id={`${id()}-error`} data-testid={`error-${props.name}`}>
            {reason()}
          </span>
        )}
      </Show>
      <Show when={!props.reason}>
        <span class="muted hint" id={`${id()}-hint`}>
          {t(`invoiceForm.hint.${props.name}`)}
        </span>
      </Show>
    </div>
  );
}

/** "taxId" → "tax-id", as the page's test ids are written. */
function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
