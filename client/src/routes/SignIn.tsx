/** Sign-in with email and password; errors from the API shown by the field they concern. */
import { useNavigate } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { language, setLanguage, t } from '../lib/i18n.ts';
import { signIn } from '../lib/session.ts';
import { errorMessage, issueFor } from '../lib/trpc.ts';

export function SignIn() {
  const navigate = useNavigate();
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [error, setError] = createSignal<unknown>(null);
  const [busy, setBusy] = createSignal(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email(), password());
      navigate('/');
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="signin">
      <form class="card" onSubmit={submit} aria-labelledby="signin-title">
        <h1 id="signin-title">{t('signIn.title')}</h1>
        <label>
          {t('signIn.email')}
          <input
            name="email"
            type="email"
            autocomplete="username"
            required
            value={email()}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
          <Show when={issueFor(error(), 'email')}>
            {(message) => <span class="field-error">{message()}</span>}
          </Show>
        </label>
        <label>
          {t('signIn.password')}
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            required
            value={password()}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <Show when={error() && !issueFor(error(), 'email')}>
          <p class="error" role="alert">
            {errorMessage(error())}
          </p>
        </Show>
        <button type="submit" disabled={busy()}>
          {t('signIn.submit')}
        </button>
        <button
          type="button"
          class="link"
          onClick={() => setLanguage(language() === 'zh' ? 'en' : 'zh')}
        >
          {language() === 'zh' ? 'English' : '中文'}
        </button>
      </form>
    </main>
  );
}
