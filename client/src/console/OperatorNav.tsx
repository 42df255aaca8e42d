/** The operator console's own menu, from the one list of pages: accounts, codes, invoices, API keys, audit. */
import { A } from '@solidjs/router';
import { For } from 'solid-js';
import { t } from '../lib/i18n.ts';
import { menuOf, OPERATOR_PAGES } from '../routeList.tsx';

export function OperatorNav() {
  return (
    <nav class="subnav" aria-label={t('operator.nav.label')} data-testid="operator-nav">
      <For each={menuOf(OPERATOR_PAGES)}>
        {(page) => (
          <A href={`/operator${page.path}`} end={page.path === ''}>
            {t(page.nav)}
          </A>
        )}
      </For>
    </nav>
  );
}
