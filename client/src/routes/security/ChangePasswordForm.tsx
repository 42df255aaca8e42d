/**
 * Change password: the current one, the new one twice. Two different new passwords are
 * refused here, before anything is sent; everything else (a wrong current password, a new
 * one too short or unchanged) is the API's to judge, and its reason is shown under the field
 * it names. `change` is the API call, replaceable so the form can be tested alone.
 */
import { createSignal, Show } from 'solid-js';
import { createAction, FieldError, FormAlert } from '../../console/form.tsx';
import { t } from '../../lib/i18n.ts';
import { api } from '../../lib/trpc.ts';

export interface PasswordChange {
  readonly currentPassword: string;
  readonly newPassword: string;
}
type Changed = { ok: true; endedSessions: number };

const FIELDS = ['currentPassword', 'newPassword'] as const;

export function ChangePasswordForm(props: {
  onChanged?: (result: Changed) => void;
  change?: (input: PasswordChange) => Promise<Changed>;
}) {
  const [current, setCurrent] = createSignal('');
  const [next, setNext] = createSignal('');
  const [repeat, setRepeat] = createSignal('');
  const [mismatch, setMismatch] = createSignal(false);
  const [changed, setChanged] = createSignal<Changed | null>(null);
  const change = props.change ?? ((input: PasswordChange) => api.auth.changePassword.mutate(input));
  const action = createAction(() => change({ currentPassword: current(), newPassword: next() }));

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setChanged(null);
    setMismatch(next() !== repeat());
    if (mismatch()) return;
    const result = await action.run();
    if (!result) return;
    setCurrent('');
    setNext('');
    setRepeat('');
    setChanged(result);
    props.onChanged?.(result);
  };

  return (
    <form
      class="card"
      onSubmit={submit}
      aria-labelledby="password-title"
      data-testid="password-form"
    >
      <h2 id="password-title">{t('security.password.title')}</h2>
      <label>
        {t('security.password.current')}
        <input
          name="currentPassword"
          type="password"
          autocomplete="current-password"
          required
          maxLength={200}
          value={current()}
          onInput={(e) => setCurrent(e.currentTarget.value)}
          data-testid="password-current"
        />
        <FieldError error={action.error()} path="currentPassword" />
      </label>
      <label>
        {t('security.password.new')}
        <input
          name="newPassword"
          type="password"
          autocomplete="new-password"
          required
          maxLength={200}
          aria-describedby="password-hint"
          value={next()}
          onInput={(e) => setNext(e.currentTarget.value)}
          data-testid="password-new"
        />
        <span class="muted small" id="password-hint">
          {t('security.password.hint')}
        </span>
        <FieldError error={action.error()} path="newPassword" />
      </label>
      <label>
        {t('security.password.repeat')}
        <input
          name="repeatPassword"
          type="password"
          autocomplete="new-password"
          required
          maxLength={200}
          aria-invalid={mismatch()}
          value={repeat()}
          onInput={(e) => setRepeat(e.currentTarget.value)}
          data-testid="password-repeat"
        />
        <Show when={mismatch()}>
          <span class="field-error" data-testid="error-repeatPassword">
            {t('security.password.mismatch')}
          </span>
        </Show>
      </label>
      <FormAlert error={action.error()} paths={FIELDS} />
      <Show when={changed()}>
        {(result) => (
          <p class="ok" role="status" data-testid="password-changed">
            {t('security.password.changed', { ended: result().endedSessions })}
          </p>
        )}
      </Show>
      <button type="submit" disabled={action.busy()} data-testid="password-submit">
        {action.busy() ? t('console.submitting') : t('security.password.submit')}
      </button>
    </form>
  );
}
