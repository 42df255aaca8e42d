/**
 * The head of the account's ledger hash chain (docs/decisions/014-ledger-hash-chain.md): how
 * many entries it has and the latest hash, with a button to copy the hash, for an admin to
 * note down or publish. A later audit that finds the same hash at the same count proves no
 * entry up to it was changed since.
 */
import { createResource, Show } from 'solid-js';
import { CopyButton } from '../../../console/CopyButton.tsx';
import { Loaded } from '../../../console/Loaded.tsx';
import { t } from '../../../lib/i18n.ts';
import { api } from '../../../lib/trpc.ts';

export function LedgerHead(props: { accountId: string }) {
  const [head] = createResource(
    () => props.accountId,
    (accountId) => api.ledger.head.query({ accountId }),
  );
  return (
    <section class="ledger-head" aria-labelledby="ledger-head-title" data-testid="ledger-head">
      <h2 id="ledger-head-title">{t('statement.head.title')}</h2>
      <p class="muted small">{t('statement.head.explain')}</p>
      <Loaded of={head}>
        {(current) => (
          <Show
            when={current().hash !== null}
            fallback={<p class="muted">{t('statement.head.pending')}</p>}
          >
            <dl>
              <dt>{t('statement.head.seq')}</dt>
              <dd data-testid="ledger-head-seq">{current().seq}</dd>
              <dt>{t('statement.head.hash')}</dt>
              <dd>
                <Show when={current().hash} fallback={t('statement.head.none')}>
                  {(hash) => (
                    <>
                      <code class="hash" data-testid="ledger-head-hash">
                        {hash()}
                      </code>{' '}
                      <CopyButton value={hash()} testId="ledger-head-copy" />
                    </>
                  )}
                </Show>
              </dd>
            </dl>
          </Show>
        )}
      </Loaded>
    </section>
  );
}
