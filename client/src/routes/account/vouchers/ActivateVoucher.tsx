/**
 * *Activate voucher*: the admin types the code as printed (`XXXX-XXXX-XXXX-XXXX-XXXX-XX`;
 * case, spaces and dashes do not matter). The shared `normalizeCode` catches typos before
 * the request, so a slip of the finger spends none of the throttled attempts; every error
 * the API gives (mistyped, unknown, used, expired, throttled) is shown under the field.
 */
import { createSignal, Show } from 'solid-js';
import { normalizeCode } from '../../../../../common/codes.ts';
import { cny, time } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';
import { api, errorMessage, issueFor } from '../../../lib/trpc.ts';
import type { Voucher } from '../shared.tsx';

type Activated = Voucher & { replayed: boolean };

/** What is wrong with the code as typed, in the current language; null when well-formed. */
function localProblem(code: string): string | null {
  const normalized = normalizeCode(code);
  return normalized.ok ? null : t(`vouchers.code.${normalized.problem}`);
}

export function ActivateVoucher(props: { accountId: string; onActivated: () => void }) {
  const [code, setCode] = createSignal('');
  const [problem, setProblem] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [activated, setActivated] = createSignal<Activated | null>(null);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setActivated(null);
    const local = localProblem(code());
    setProblem(local);
    if (local) return;
    setBusy(true);
    try {
      const voucher = await api.vouchers.activate.mutate({
        accountId: props.accountId,
        code: code(),
      });
      setActivated(voucher);
      setCode('');
      props.onActivated();
    } catch (caught) {
      setProblem(issueFor(caught, 'code') ?? errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card" onSubmit={submit} aria-labelledby="activate-title">
      <h2 id="activate-title">{t('vouchers.activateTitle')}</h2>
      <div class="field">
        <label for="voucher-code">{t('vouchers.code')}</label>
        <input
          id="voucher-code"
          name="code"
          type="text"
          class="mono"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
          maxlength={64}
          placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XX"
          value={code()}
          aria-invalid={problem() ? 'true' : 'false'}
          aria-describedby={problem() ? 'voucher-code-error' : 'voucher-code-hint'}
          onInput={(event) => {
            setCode(event.currentTarget.value);
            setProblem(null);
          }}
          data-testid="vouchers-code"
        />
        <Show
          when={problem()}
          fallback={
            <span class="muted small" id="voucher-code-hint">
              {t('vouchers.codeHint')}
            </span>
          }
        >
          {(message) => (
            <span class="field-error" id="voucher-code-error" data-testid="vouchers-code-error">
              {message()}
            </span>
          )}
        </Show>
      </div>
      <div>
        <button
          type="submit"
          disabled={busy() || code().trim() === ''}
          data-testid="vouchers-activate"
        >
          {busy() ? t('vouchers.activating') : t('vouchers.activate')}
        </button>
      </div>
      <Show when={activated()}>
        {(voucher) => (
          <p class="ok" role="status" data-testid="vouchers-activate-result">
            {t(voucher().replayed ? 'vouchers.alreadyActivated' : 'vouchers.activated', {
              number: voucher().number,
              amount: cny(voucher().denomination),
              until: time(voucher().expiresAtMs),
            })}
          </p>
        )}
      </Show>
    </form>
  );
}
