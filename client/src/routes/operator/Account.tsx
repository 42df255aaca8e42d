/**
 * One account in the operator console: its numbers, a way into its own pages, and what only
 * operators do for it — issue a voucher, record a bank transfer, invite people and manage
 * them (role, removal, password reset), void vouchers, revoke API keys, bind workspaces.
 */
import { A, useParams } from '@solidjs/router';
import { createResource } from 'solid-js';
import { Loaded } from '../../console/Loaded.tsx';
import { OperatorNav } from '../../console/OperatorNav.tsx';
import { t } from '../../lib/i18n.ts';
import { api } from '../../lib/trpc.ts';
import { ApiKeyList } from '../security/ApiKeys.tsx';
import { AccountNumbers } from './parts/AccountNumbers.tsx';
import { AccountPeople } from './parts/AccountPeople.tsx';
import { AccountVouchers } from './parts/AccountVouchers.tsx';
import { AccountWorkspaces } from './parts/AccountWorkspaces.tsx';
import { BankTransferForm } from './parts/BankTransferForm.tsx';
import { InviteUserForm } from './parts/InviteUserForm.tsx';
import { IssueVoucherForm } from './parts/IssueVoucherForm.tsx';
import '../../console.css';

export default function OperatorAccount() {
  const params = useParams<{ accountId: string }>();
  const [account, { refetch }] = createResource(
    () => params.accountId,
    (accountId) => api.accounts.get.query({ accountId }),
  );
  const [people, { refetch: refetchPeople }] = createResource(
    () => params.accountId,
    (accountId) => api.users.list.query({ accountId }),
  );
  const refresh = () => void refetch();

  return (
    <section class="console-page" aria-labelledby="operator-account-title">
      <OperatorNav />
      <Loaded of={account}>
        {(a) => (
          <>
            <div class="page-head">
              <h1 id="operator-account-title" data-testid="operator-account-name">
                {a().name}
              </h1>
              <A
                class="button secondary"
                href={`/accounts/${a().id}`}
                data-testid="operator-open-account"
              >
                {t('operator.account.open')}
              </A>
            </div>
            <p class="muted small">
              <span class="mono">{a().id}</span> · {t('operator.account.remittanceRef')}{' '}
              <span class="mono">{a().remittanceRef}</span>
            </p>
            <AccountNumbers account={a()} />
            <div class="console-grid">
              <IssueVoucherForm accountId={a().id} onIssued={refresh} />
              <BankTransferForm remittanceRef={a().remittanceRef} onRecorded={refresh} />
            </div>
            <h2>{t('operator.people.title')}</h2>
            <AccountPeople
              accountId={a().id}
              people={people}
              onChanged={() => void refetchPeople()}
            />
            <div class="console-grid">
              <InviteUserForm accountId={a().id} onInvited={() => void refetchPeople()} />
            </div>
            <h2>{t('voids.title')}</h2>
            <AccountVouchers accountId={a().id} onVoided={refresh} />
            <h2>{t('keys.title')}</h2>
            <ApiKeyList accountId={a().id} />
            <h2>{t('operator.workspace.title')}</h2>
            <AccountWorkspaces accountId={a().id} onCreated={refresh} />
          </>
        )}
      </Loaded>
    </section>
  );
}
