/**
 * An inline confirmation for an action that cannot be undone (revoke, remove, void, reset):
 * the consequence in words, then Confirm or Cancel. Kept inline rather than in a modal so it
 * works the same with a keyboard, a screen reader and on a phone.
 */
import { t } from '../lib/i18n.ts';
import '../security.css';

export function Confirm(props: {
  message: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
}) {
  return (
    <div class="confirm-box" role="group" data-testid={props.testId ?? 'confirm'}>
      <p>{props.message}</p>
      <div class="actions">
        <button
          type="button"
          disabled={props.busy}
          onClick={() => props.onConfirm()}
          data-testid="confirm-yes"
        >
          {t('common.confirm')}
        </button>
        <button
          type="button"
          class="secondary"
          disabled={props.busy}
          onClick={() => props.onCancel()}
          data-testid="confirm-no"
        >
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
