/**
 * The routes of the billing center. Account pages live under /accounts/:accountId, the
 * operator console under /operator. Everything but /signin needs a signed-in user, and a user
 * whose password is a temporary one sees only the form to change it.
 */
import { Navigate, Route, Router } from '@solidjs/router';
import { lazy, Match, Switch, type ParentProps } from 'solid-js';
import { ForcedPasswordChange } from './components/ForcedPasswordChange.tsx';
import { Layout } from './components/Layout.tsx';
import { t } from './lib/i18n.ts';
import { user } from './lib/session.ts';
import { SignIn } from './routes/SignIn.tsx';

const Overview = lazy(() => import('./routes/account/Overview.tsx'));
const TopUp = lazy(() => import('./routes/account/TopUp.tsx'));
const Vouchers = lazy(() => import('./routes/account/Vouchers.tsx'));
const Cards = lazy(() => import('./routes/account/Cards.tsx'));
const Charges = lazy(() => import('./routes/account/Charges.tsx'));
const ChargeDetail = lazy(() => import('./routes/account/ChargeDetail.tsx'));
const Statement = lazy(() => import('./routes/account/Statement.tsx'));
const Invoices = lazy(() => import('./routes/account/Invoices.tsx'));
const Workspaces = lazy(() => import('./routes/account/Workspaces.tsx'));
const OperatorAccounts = lazy(() => import('./routes/operator/Accounts.tsx'));
const OperatorAccount = lazy(() => import('./routes/operator/Account.tsx'));
const OperatorCodes = lazy(() => import('./routes/operator/Codes.tsx'));
const OperatorInvoices = lazy(() => import('./routes/operator/Invoices.tsx'));
const OperatorAudit = lazy(() => import('./routes/operator/Audit.tsx'));
const OperatorKeys = lazy(() => import('./routes/operator/Keys.tsx'));
const Security = lazy(() => import('./routes/Security.tsx'));

/** Where a signed-in user lands: the console for operators, else their first account. */
function Home() {
  return (
    <Switch fallback={<p class="muted">{t('signIn.noAccounts')}</p>}>
      <Match when={user.loading}>
        <p class="muted">{t('common.loading')}</p>
      </Match>
      <Match when={!user()}>
        <Navigate href="/signin" />
      </Match>
      <Match when={user()?.isOperator}>
        <Navigate href="/operator" />
      </Match>
      <Match when={user()?.memberships[0]}>
        {(first) => <Navigate href={`/accounts/${first().accountId}`} />}
      </Match>
    </Switch>
  );
}

function Protected(props: ParentProps) {
  return (
    <Switch>
      <Match when={user.loading}>
        <p class="muted page">{t('common.loading')}</p>
      </Match>
      <Match when={!user()}>
        <Navigate href="/signin" />
      </Match>
      <Match when={user()?.mustChangePassword}>
        <ForcedPasswordChange />
      </Match>
      <Match when={user()}>
        <Layout>{props.children}</Layout>
      </Match>
    </Switch>
  );
}

export function App() {
  return (
    <Router>
      <Route path="/signin" component={SignIn} />
      <Route path="/" component={Protected}>
        <Route path="/" component={Home} />
        <Route path="/security" component={Security} />
        <Route path="/accounts/:accountId">
          <Route path="/" component={Overview} />
          <Route path="/topup" component={TopUp} />
          <Route path="/vouchers" component={Vouchers} />
          <Route path="/cards" component={Cards} />
          <Route path="/charges" component={Charges} />
          <Route path="/charges/:chargeId" component={ChargeDetail} />
          <Route path="/statement" component={Statement} />
          <Route path="/invoices" component={Invoices} />
          <Route path="/workspaces" component={Workspaces} />
        </Route>
        <Route path="/operator">
          <Route path="/" component={OperatorAccounts} />
          <Route path="/accounts/:accountId" component={OperatorAccount} />
          <Route path="/codes" component={OperatorCodes} />
          <Route path="/invoices" component={OperatorInvoices} />
          <Route path="/keys" component={OperatorKeys} />
          <Route path="/audit" component={OperatorAudit} />
        </Route>
      </Route>
    </Router>
  );
}
