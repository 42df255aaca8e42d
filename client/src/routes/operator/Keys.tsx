/**
 * Every API key, or one account's: operators find a key by its account and revoke it (it
 * fails from the very next request). Service keys (operator, partner, metering) have no
 * account and appear under "All keys".
 */
import { createMemo, createResource, createSignal, For } from 'solid-js';
import { OperatorNav } from '../../console/OperatorNav.tsx';
import { t } from '../../lib/i18n.ts';
import { api } from '../../lib/trpc.ts';
import { ApiKeyList } from '../security/ApiKeys.tsx';
import '../../console.css';
import '../../security.css';

/** As many accounts as one page of accounts.list holds: enough to name them in a filter. */
const ACCOUNT_LIMIT = 500;

export default function OperatorKeys() {
  const [accountId, setAccountId] = createSignal('');
  const [includeRevoked, setIncludeRevoked] = createSignal(false);
  const [accounts] = createResource(() => api.accounts.list.query({ limit: ACCOUNT_LIMIT }));
  const names = createMemo(
    () =>
      new Map((accounts.state === 'ready' ? accounts.latest.items : []).map((a) => [a.id, a.name])),
  );

  return (
    <section class="console-page" aria-labelledby="keys-title">
      <OperatorNav />
      <h1 id="keys-title">{t('keys.title')}</h1>
      <div class="filters">
        <label>
          {t('keys.account')}
          <select
            value={accountId()}
            onChange={(e) => setAccountId(e.currentTarget.value)}
            data-testid="keys-account"
          >
            <option value="">{t('keys.allAccounts')}</option>
            <For each={[...names()]}>{([id, name]) => <option value={id}>{name}</option>}</For>
          </select>
        </label>
        <label class="inline">
          <input
            type="checkbox"
            checked={includeRevoked()}
            onChange={(e) => setIncludeRevoked(e.currentTarget.checked)}
            data-testid="keys-include-revoked"
          />
          {t('keys.includeRevoked')}
        </label>
      </div>
      <ApiKeyList
        accountId={accountId() || undefined}
        includeRevoked={includeRevoked()}
        accountName={(id) => names().get(id) ?? id}
      />
    </section>
  );
}
