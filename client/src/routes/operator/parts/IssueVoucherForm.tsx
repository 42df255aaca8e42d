/** An operator issues a regular voucher straight to the account: active at once. */
import { createSignal, Show } from 'solid-js';
import { MoneyInput } from '../../../components/MoneyInput.tsx';
import { createAction, Fresh, FormAlert } from '../../../console/form.tsx';
import { cny, time } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';
import { api, issueFor } from '../../../lib/trpc.ts';
import {
  createValidityDraft,
  draftValidity,
  VALIDITY_PATHS,
  ValidityFields,
} from './ValidityFields.tsx';

export function IssueVoucherForm(props: { accountId: string; onIssued: () => void }) {
  const [amount, setAmount] = createSignal('');
  /** Bumped after each success, so the amount field starts clean. */
  const [generation, setGeneration] = createSignal(0);
  const validity = createValidityDraft();
  const issue = createAction(() =>
    api.vouchers.issue.mutate({
      accountId: props.accountId,
      requestId: crypto.randomUUID(),
      amount: amount(),
      validity: draftValidity(validity),
    }),
  );
  const [issued, setIssued] = createSignal<Awaited<ReturnType<typeof issue.run>>>();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setIssued(undefined);
    const voucher = await issue.run();
    if (!voucher) return;
    setIssued(voucher);
    setAmount('');
    setGeneration(generation() + 1);
    props.onIssued();
  };

  return (
    <form class="card" onSubmit={submit} aria-labelledby="issue-voucher-title">
      <h2 id="issue-voucher-title">{t('operator.voucher.title')}</h2>
      <Fresh generation={generation()}>
        <MoneyInput
          label={t('operator.voucher.amount')}
          name="amount"
          id="voucher-amount"
          value={amount()}
          onInput={setAmount}
          error={issueFor(issue.error(), 'amount')}
          testId="voucher-amount"
        />
      </Fresh>
      <ValidityFields draft={validity} error={issue.error()} prefix="voucher" />
      <FormAlert error={issue.error()} paths={['amount', ...VALIDITY_PATHS]} />
      <Show when={issued()}>
        {(voucher) => (
          <p class="ok" role="status" data-testid="voucher-issued">
            {t('operator.voucher.done', {
              number: voucher().number,
              amount: cny(voucher().denomination),
              expires: time(voucher().expiresAtMs),
            })}
          </p>
        )}
      </Show>
      <button type="submit" disabled={issue.busy()} data-testid="voucher-submit">
        {issue.busy() ? t('console.submitting') : t('operator.voucher.submit')}
      </button>
    </form>
  );
}
