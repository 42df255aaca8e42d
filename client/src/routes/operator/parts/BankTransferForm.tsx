/**
 * Records an offline bank transfer received for the account, found by its remittance
 * reference. The bank serial number is never credited twice; the money pays the overdue
 * first and only the rest becomes cash, which the result shows.
 */
import { createSignal, Show } from 'solid-js';
import { MoneyInput } from '../../../components/MoneyInput.tsx';
import { createAction, Fresh, FieldError, FormAlert } from '../../../console/form.tsx';
import { cny } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';
import { api, issueFor } from '../../../lib/trpc.ts';

export function BankTransferForm(props: { remittanceRef: string; onRecorded: () => void }) {
  const [bankSerial, setBankSerial] = createSignal('');
  const [amount, setAmount] = createSignal('');
  /** Bumped after each success, so the amount field starts clean. */
  const [generation, setGeneration] = createSignal(0);
  const record = createAction(() =>
    api.cash.recordBankTransfer.mutate({
      reference: props.remittanceRef,
      bankSerial: bankSerial(),
      amount: amount(),
    }),
  );
  const [result, setResult] = createSignal<Awaited<ReturnType<typeof record.run>>>();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setResult(undefined);
    const recorded = await record.run();
    if (!recorded) return;
    setResult(recorded);
    setBankSerial('');
    setAmount('');
    setGeneration(generation() + 1);
    props.onRecorded();
  };

  return (
    <form class="card" onSubmit={submit} aria-labelledby="bank-transfer-title">
      <h2 id="bank-transfer-title">{t('operator.transfer.title')}</h2>
      <p class="muted small">
        {t('operator.transfer.reference')}{' '}
        <span class="mono" data-testid="transfer-reference">
          {props.remittanceRef}
        </span>
      </p>
      <label>
        {t('operator.transfer.serial')}
        <input
          name="bankSerial"
          required
          autocomplete="off"
          value={bankSerial()}
          onInput={(e) => setBankSerial(e.currentTarget.value.trim())}
          data-testid="transfer-serial"
        />
        <FieldError error={record.error()} path="bankSerial" />
      </label>
      <Fresh generation={generation()}>
        <MoneyInput
          label={t('operator.transfer.amount')}
          name="amount"
          id="transfer-amount"
          value={amount()}
          onInput={setAmount}
          error={issueFor(record.error(), 'amount')}
          testId="transfer-amount"
        />
      </Fresh>
      <FormAlert error={record.error()} paths={['bankSerial', 'amount']} />
      <Show when={result()}>
        {(r) => (
          <div class="result" role="status" data-testid="transfer-result">
            <Show when={r().replayed}>
              <p class="warn">{t('operator.transfer.replayed')}</p>
            </Show>
            <dl class="pairs">
              <dt>{t('operator.transfer.amount')}</dt>
              <dd class="amount">{cny(r().amount)}</dd>
              <dt>{t('operator.transfer.overduePaid')}</dt>
              <dd class="amount" data-testid="transfer-overdue-paid">
                {cny(r().overduePaid)}
              </dd>
              <dt>{t('operator.transfer.cashCredited')}</dt>
              <dd class="amount" data-testid="transfer-cash-credited">
                {cny(r().cashCredited)}
              </dd>
              <dt>{t('operator.transfer.after')}</dt>
              <dd class="amount">
                {t('operator.transfer.afterValues', {
                  cash: cny(r().cashAfter),
                  overdue: cny(r().overdueAfter),
                })}
              </dd>
            </dl>
          </div>
        )}
      </Show>
      <button type="submit" disabled={record.busy()} data-testid="transfer-submit">
        {record.busy() ? t('console.submitting') : t('operator.transfer.submit')}
      </button>
    </form>
  );
}
