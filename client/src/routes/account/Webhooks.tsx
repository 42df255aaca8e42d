/** An account's webhook endpoints, for its admins (the route is admin-only). */
import { t } from '../../lib/i18n.ts';
import { WebhookSettings } from '../../components/webhooks/WebhookSettings.tsx';
import { useAccountId } from './shared.tsx';

export default function Webhooks() {
  const accountId = useAccountId();
  return (
    <section class="console-page" aria-labelledby="webhooks-title">
      <h1 id="webhooks-title">{t('webhooks.title')}</h1>
      <WebhookSettings accountId={accountId()} />
    </section>
  );
}
