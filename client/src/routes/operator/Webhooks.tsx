/** Global webhook endpoints (every account's events), in the operator console. */
import { OperatorNav } from '../../console/OperatorNav.tsx';
import { WebhookSettings } from '../../components/webhooks/WebhookSettings.tsx';
import { t } from '../../lib/i18n.ts';

export default function OperatorWebhooks() {
  return (
    <section class="console-page" aria-labelledby="webhooks-title">
      <OperatorNav />
      <h1 id="webhooks-title">{t('webhooks.titleGlobal')}</h1>
      <WebhookSettings accountId={null} />
    </section>
  );
}
