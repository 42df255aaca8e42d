/**
 * The routes of the billing center, built from the one list of pages (routeList.tsx).
 * Account pages live under /accounts/:accountId, behind the account's gate; the operator
 * console under /operator, for operators only. Everything but /signin needs a signed-in
 * user, and a user whose password is a temporary one sees only the form to change it; an
 * address no route knows shows "page not found".
 */
import { Navigate, Route, Router } from '@solidjs/router';
import { lazy, Match, Switch, type ParentProps } from 'solid-js';
import { AccountAdminOnly, AccountGate, NotFound, OperatorOnly } from './components/Guards.tsx';
import { ForcedPasswordChange } from './components/ForcedPasswordChange.tsx';
import { Layout } from './components/Layout.tsx';
import { TestClockBanner } from './components/TestClockBanner.tsx';
import { t } from './lib/i18n.ts';
import { user } from './lib/session.ts';
import { ACCOUNT_PAGES, OPERATOR_PAGES, type PageEntry } from './routeList.tsx';
import { SignIn } from './routes/SignIn.tsx';

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

function routesOf(pages: readonly PageEntry[]) {
  return pages.map((page) => (
    <Route path={page.path || '/'} component={page.adminOnly ? adminOnly(page) : page.component} />
  ));
}

function adminOnly(page: PageEntry) {
  const Page = page.component;
  return () => (
    <AccountAdminOnly>
      <Page />
    </AccountAdminOnly>
  );
}

/** Above every page: the test clock banner while the wallet's clock is not real time. */
function Root(props: ParentProps) {
  return (
    <>
      <TestClockBanner />
      {props.children}
    </>
  );
}

export function App() {
  return (
    <Router root={Root}>
      <Route path="/signin" component={SignIn} />
      <Route path="/" component={Protected}>
        <Route path="/" component={Home} />
        <Route path="/security" component={Security} />
        <Route path="/accounts/:accountId" component={AccountGate}>
          {routesOf(ACCOUNT_PAGES)}
          <Route path="*rest" component={NotFound} />
        </Route>
        <Route path="/operator" component={OperatorOnly}>
          {routesOf(OPERATOR_PAGES)}
          <Route path="*rest" component={NotFound} />
        </Route>
        <Route path="*rest" component={NotFound} />
      </Route>
    </Router>
  );
}
