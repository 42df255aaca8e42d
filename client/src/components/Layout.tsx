/**
 * The frame of every signed-in page: the account switcher and its pages, the operator
 * console for operators, account security, the language switch and sign-out. Collapses to
 * one column on a phone-width screen.
 */
import { A, useLocation, useNavigate } from '@solidjs/router';
import { createMemo, For, Show, type ParentProps } from 'solid-js';
import { language, setLanguage, t } from '../lib/i18n.ts';
import { canWrite, signOut, user } from '../lib/session.ts';
import { ACCOUNT_PAGES, menuOf } from '../routeList.tsx';
import { Bell } from './Bell.tsx';

const ACCOUNT_MENU = menuOf(ACCOUNT_PAGES);
const MAIN_ID = 'main-content';

/**
 * "Skip to content": the first thing a keyboard reaches; moves focus past the menus to the
 * page. Handled here (before the router sees the click) so focus moves, not only the scroll.
 */
function SkipLink() {
  return (
    <a
      class="skip-link"
      href={`#${MAIN_ID}`}
      on:click={(event) => {
        event.preventDefault();
        document.getElementById(MAIN_ID)?.focus();
      }}
    >
      {t('nav.skip')}
    </a>
  );
}

export function Layout(props: ParentProps) {
  const location = useLocation();
  const navigate = useNavigate();
  const accountId = createMemo(() => /^\/accounts\/([^/]+)/.exec(location.pathname)?.[1] ?? null);
  const accounts = () => user()?.memberships ?? [];

  return (
    <div class="shell">
      <SkipLink />
      <header class="topbar">
        <A href="/" class="brand">
          {t('app.name')}
        </A>
        <Show when={accounts().length > 0}>
          <label class="switcher">
            <span class="visually-hidden">{t('nav.account')}</span>
            <select
              value={accountId() ?? ''}
              onChange={(e) => navigate(`/accounts/${e.currentTarget.value}`)}
            >
              <Show when={!accountId()}>
                <option value="">{t('nav.account')}</option>
              </Show>
              <For each={accounts()}>
                {(m) => <option value={m.accountId}>{m.accountName}</option>}
              </For>
            </select>
          </label>
        </Show>
        <div class="spacer" />
        <Show when={accountId()}>{(id) => <Bell accountId={id()} />}</Show>
        <label class="switcher">
          <span class="visually-hidden">{t('common.language')}</span>
          <select
            value={language()}
            onChange={(e) => setLanguage(e.currentTarget.value === 'en' ? 'en' : 'zh')}
            data-testid="language"
          >
            <option value="zh">中文</option>
            <option value="en">English</option>
          </select>
        </label>
        <span class="muted who">{user()?.email}</span>
        <button
          class="link"
          type="button"
          onClick={async () => {
            await signOut();
            navigate('/signin');
          }}
        >
          {t('nav.signOut')}
        </button>
      </header>
      <div class="body">
        <nav class="sidenav" aria-label="main">
          <Show when={accountId()}>
            {(id) => (
              <For each={ACCOUNT_MENU.filter((page) => !page.adminOnly || canWrite(id()))}>
                {(page) => (
                  <A href={`/accounts/${id()}${page.path}`} end={page.path === ''}>
                    {t(page.nav)}
                  </A>
                )}
              </For>
            )}
          </Show>
          <Show when={user()?.isOperator}>
            <A href="/operator" class="operator-link">
              {t('nav.operator')}
            </A>
          </Show>
          <A href="/security" data-testid="nav-security">
            {t('nav.security')}
          </A>
        </nav>
        <main class="page" id={MAIN_ID} tabIndex={-1}>
          {props.children}
        </main>
      </div>
    </div>
  );
}
