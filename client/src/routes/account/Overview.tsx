/**
 * The account overview: balance, cash and overdue (with the countdown to workspace lock),
 * what vouchers and cards can pay right now, what expires within 30 days, the last 30 days
 * of spend, and a preview of how a charge would be paid.
 */
import { A } from '@solidjs/router';
import { createResource, Show, type JSX } from 'solid-js';
import { cny } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';
import { api } from '../../lib/trpc.ts';
import '../../account.css';
import { Expiring } from './overview/Expiring.tsx';
import { OverdueCard } from './overview/OverdueCard.tsx';
import { PaymentPreview } from './overview/PaymentPreview.tsx';
import { RunwayCard } from './runway/RunwayCard.tsx';
import { SpendCharts } from './overview/SpendCharts.tsx';
import { Loaded, useAccountId, valueOr, type AccountView } from './shared.tsx';

function Stat(props: { label: string; testId: string; value: string; children?: JSX.Element }) {
  return (
    <div class="card stat">
      <div class="label">{props.label}</div>
      <div
        class="value amount-left"
        classList={{ negative: props.value.startsWith('-') }}
        data-testid={props.testId}
      >
        {props.value}
      </div>
      {props.children}
    </div>
  );
}

function Balances(props: { account: AccountView; accountId: string }) {
  const overdue = () => props.account.overdue !== '0.00';
  return (
    <div class="cards-row">
      <Stat
        label={t('overview.balance')}
        testId="overview-balance"
        value={cny(props.account.balance)}
      >
        <div class="muted small">{t('overview.balanceHint')}</div>
      </Stat>
      <Stat label={t('overview.cash')} testId="overview-cash" value={cny(props.account.cash)}>
        <A href={`/accounts/${props.accountId}/topup`} class="small">
          {t('overview.topUp')}
        </A>
      </Stat>
      <Stat
        label={t('overview.overdue')}
        testId="overview-overdue"
        value={overdue() ? cny(`-${props.account.overdue}`) : cny('0')}
      />
    </div>
  );
}

function Holdings(props: { account: AccountView; accountId: string }) {
  const base = () => `/accounts/${props.accountId}`;
  const count = (n: number) => t('overview.count', { n });
  return (
    <div class="cards-row">
      <Stat
        label={t('overview.regularVouchers')}
        testId="overview-regular"
        value={cny(props.account.regularVouchers.usable)}
      >
        <A href={`${base()}/vouchers`} class="small">
          {count(props.account.regularVouchers.count)}
        </A>
      </Stat>
      <Stat
        label={t('overview.discountVouchers')}
        testId="overview-discount"
        value={cny(props.account.discountVouchers.usable)}
      >
        <A href={`${base()}/vouchers`} class="small">
          {count(props.account.discountVouchers.count)}
        </A>
      </Stat>
      <Stat
        label={t('overview.cards')}
        testId="overview-cards"
        value={cny(props.account.prepaidCards.usable)}
      >
        <A href={`${base()}/cards`} class="small">
          {count(props.account.prepaidCards.count)}
        </A>
      </Stat>
      <Stat
        label={t('overview.workspaces')}
        testId="overview-workspaces"
        value={String(props.account.workspaceCount)}
      />
    </div>
  );
}

export default function Overview() {
  const accountId = useAccountId();
  const [account] = createResource(accountId, (id) => api.accounts.get.query({ accountId: id }));
  const [workspaces] = createResource(accountId, (id) =>
    api.workspaces.list.query({ accountId: id }),
  );
  const workspaceList = () => valueOr(workspaces, []);

  return (
    <section class="account-page" aria-labelledby="overview-title">
      <h1 id="overview-title">
        {t('overview.title')}
        <Show when={account.state === 'ready' ? account() : undefined}>
          {(a) => <span class="muted title-note"> · {a().name}</span>}
        </Show>
      </h1>
      <Loaded of={account}>
        {(a) => (
          <>
            <Balances account={a()} accountId={accountId()} />
            <Show when={a().overdueSinceMs}>
              {(sinceMs) => (
                <OverdueCard
                  overdue={a().overdue}
                  overdueSinceMs={sinceMs()}
                  workspaces={workspaceList()}
                  accountId={accountId()}
                />
              )}
            </Show>
            <RunwayCard accountId={accountId()} />
            <h2>{t('overview.holdings')}</h2>
            <Holdings account={a()} accountId={accountId()} />
            <Expiring items={a().expiringSoon} />
            <SpendCharts accountId={accountId()} />
            <PaymentPreview accountId={accountId()} cash={a().cash} workspaces={workspaceList()} />
          </>
        )}
      </Loaded>
    </section>
  );
}
