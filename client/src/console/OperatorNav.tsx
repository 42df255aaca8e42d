/** The operator console's own menu: accounts, codes, the invoice queue, API keys, audit. */
import { A } from '@solidjs/router';
import { t } from '../lib/i18n.ts';

export function OperatorNav() {
  return (
    <nav class="subnav" aria-label={t('operator.nav.label')} data-testid="operator-nav">
      <A href="/operator" end>
        {t('operator.nav.accounts')}
      </A>
      <A href="/operator/codes">{t('operator.nav.codes')}</A>
      <A href="/operator/invoices">{t('operator.nav.invoices')}</A>
      <A href="/operator/keys">{t('operator.nav.keys')}</A>
      <A href="/operator/audit">{t('operator.nav.audit')}</A>
    </nav>
  );
}
