/**
 * A signing secret, shown once: the value with a copy button and a warning that it will not
 * be shown again. "I have stored it" takes it off the screen for good.
 */
import { Show } from 'solid-js';
import { CopyButton } from '../../console/CopyButton.tsx';
import { time } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';

export function SecretOnce(props: {
  secret: string;
  /** After a rotation: until when the old secret still signs. */
  previousValidUntilMs?: number | null;
  onDone: () => void;
}) {
  return (
    <div class="card secret-once" role="alert" data-testid="webhook-secret">
      <p>
        <strong>{t('webhooks.secretOnce')}</strong>
      </p>
      <Show when={props.previousValidUntilMs}>
        {(until) => (
          <p data-testid="webhook-overlap">{t('webhooks.rotated', { until: time(until()) })}</p>
        )}
      </Show>
      <p class="warn">{t('webhooks.secretWarning')}</p>
      <p>
        <code class="mono secret-value" data-testid="webhook-secret-value">
          {props.secret}
        </code>{' '}
        <CopyButton value={props.secret} testId="webhook-secret-copy" />
      </p>
      <button
        type="button"
        class="secondary"
        onClick={() => props.onDone()}
        data-testid="webhook-secret-done"
      >
        {t('webhooks.secretDone')}
      </button>
    </div>
  );
}
