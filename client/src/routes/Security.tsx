/**
 * Account security, for everyone signed in: change the password, see the live sessions and
 * end any of them, sign out everywhere; and, for an account's admins, the account's API keys
 * with revoke (operators manage every key in the console).
 */
import { For, Show } from 'solid-js';
import { t } from '../lib/i18n.ts';
import { refreshUser, user } from '../lib/session.ts';
import { ApiKeyList } from './security/ApiKeys.tsx';
import { ChangePasswordForm } from './security/ChangePasswordForm.tsx';
import { Sessions, SignOutEverywhere } from './security/Sessions.tsx';
import '../console.css';
import '../security.css';

export default function Security() {
  const adminOf = () => (user()?.memberships ?? []).filter((m) => m.role === 'admin');
  return (
    <section class="console-page" aria-labelledby="security-title">
      <h1 id="security-title">{t('security.title')}</h1>
      <div class="console-grid">
        <ChangePasswordForm onChanged={() => void refreshUser()} />
        <SignOutEverywhere />
      </div>
      <Sessions />
      <Show when={!user()?.isOperator}>
        <For each={adminOf()}>
          {(membership) => (
            <section aria-label={t('security.keys.title', { account: membership.accountName })}>
              <h2>{t('security.keys.title', { account: membership.accountName })}</h2>
              <ApiKeyList accountId={membership.accountId} />
            </section>
          )}
        </For>
      </Show>
    </section>
  );
}
