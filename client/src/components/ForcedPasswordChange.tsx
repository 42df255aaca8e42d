/**
 * What a person sees on every route while their password is a temporary one (from an
 * invitation or an operator's reset, `mustChangePassword`): why, the change-password form and
 * a way to sign out. The API refuses everything else meanwhile; once the change succeeds the
 * user is read again and the app carries on at the route that was asked for.
 */
import { useNavigate } from '@solidjs/router';
import { ChangePasswordForm } from '../routes/security/ChangePasswordForm.tsx';
import { language, setLanguage, t } from '../lib/i18n.ts';
import { refreshUser, signOut, user } from '../lib/session.ts';
import '../security.css';

export function ForcedPasswordChange() {
  const navigate = useNavigate();
  return (
    <main class="signin" id="main">
      <div class="card forced" data-testid="forced-password-change">
        <h1>{t('security.forced.title')}</h1>
        <p>{t('security.forced.explain')}</p>
        <p class="muted small">{user()?.email}</p>
        <ChangePasswordForm onChanged={() => void refreshUser()} />
        <div class="actions">
          <button
            type="button"
            class="link"
            onClick={() => setLanguage(language() === 'zh' ? 'en' : 'zh')}
          >
            {language() === 'zh' ? 'English' : '中文'}
          </button>
          <button
            type="button"
            class="link"
            onClick={async () => {
              await signOut();
              navigate('/signin');
            }}
          >
            {t('nav.signOut')}
          </button>
        </div>
      </div>
    </main>
  );
}
