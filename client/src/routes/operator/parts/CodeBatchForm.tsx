/**
 * Creates a batch of activation codes for regular vouchers: denomination, how many, until
 * when a code may be activated, the validity of the vouchers they become, and a note.
 */
import { walletNowMs } from '../../../lib/clock.ts';
import { createSignal } from 'solid-js';
import { MoneyInput } from '../../../components/MoneyInput.tsx';
import { createAction, FieldError, FormAlert } from '../../../console/form.tsx';
import { shanghaiDateTimeMs, shanghaiDateTimeValue } from '../../../console/shanghai.ts';
import type { Outputs } from '../../../console/types.ts';
import { DAY_MS } from '../../../../../common/time.ts';
import { t } from '../../../lib/i18n.ts';
import { api, issueFor } from '../../../lib/trpc.ts';
import {
  createValidityDraft,
  draftValidity,
  VALIDITY_PATHS,
  ValidityFields,
} from './ValidityFields.tsx';

export type CreatedBatch = Outputs['vouchers']['createCodeBatch'];
const PATHS = ['amount', 'quantity', 'codeDeadlineMs', 'note', ...VALIDITY_PATHS];
const DEFAULT_DEADLINE_DAYS = 90;

export function CodeBatchForm(props: { onCreated: (batch: CreatedBatch) => void }) {
  const [amount, setAmount] = createSignal('');
  const [quantity, setQuantity] = createSignal('10');
  const [deadline, setDeadline] = createSignal(
    shanghaiDateTimeValue(walletNowMs() + DEFAULT_DEADLINE_DAYS * DAY_MS),
  );
  const [note, setNote] = createSignal('');
  const validity = createValidityDraft();
  const create = createAction(() =>
    api.vouchers.createCodeBatch.mutate({
      requestId: crypto.randomUUID(),
      amount: amount(),
      quantity: Number(quantity()),
      codeDeadlineMs: shanghaiDateTimeMs(deadline()) ?? Number.NaN,
      validity: draftValidity(validity),
      note: note(),
    }),
  );
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const batch = await create.run();
    if (!batch) return;
    setAmount('');
    setNote('');
    props.onCreated(batch);
  };

  return (
    <form class="card" onSubmit={submit} aria-labelledby="batch-form-title">
      <h2 id="batch-form-title">{t('operator.codes.create')}</h2>
      <MoneyInput
        label={t('operator.codes.amount')}
        name="amount"
        id="batch-amount"
        value={amount()}
        onInput={setAmount}
        error={issueFor(create.error(), 'amount')}
        testId="batch-amount"
      />
      <label>
        {t('operator.codes.quantity')}
        <input
          type="number"
          inputmode="numeric"
          min="1"
          max="1000"
          step="1"
          required
          value={quantity()}
          onInput={(e) => setQuantity(e.currentTarget.value)}
          data-testid="batch-quantity"
        />
        <FieldError error={create.error()} path="quantity" />
      </label>
      <label>
        {t('operator.codes.deadline')}
        <input
          type="datetime-local"
          required
          value={deadline()}
          onInput={(e) => setDeadline(e.currentTarget.value)}
          data-testid="batch-deadline"
        />
        <span class="muted hint">{t('console.shanghaiTime')}</span>
        <FieldError error={create.error()} path="codeDeadlineMs" />
      </label>
      <ValidityFields draft={validity} error={create.error()} prefix="batch" />
      <label>
        {t('operator.codes.note')}
        <input
          name="note"
          maxLength={200}
          value={note()}
          onInput={(e) => setNote(e.currentTarget.value)}
          data-testid="batch-note"
        />
        <FieldError error={create.error()} path="note" />
      </label>
      <FormAlert error={create.error()} paths={PATHS} />
      <button type="submit" disabled={create.busy()} data-testid="batch-submit">
        {create.busy() ? t('console.submitting') : t('operator.codes.submit')}
      </button>
    </form>
  );
}
