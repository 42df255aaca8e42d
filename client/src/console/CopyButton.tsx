/** Copies a value (a temporary password, an id) to the clipboard and says so. */
import { createSignal } from 'solid-js';
import { t } from '../lib/i18n.ts';

export function CopyButton(props: { value: string; testId?: string }) {
  const [copied, setCopied] = createSignal(false);
  const copy = async () => {
    await navigator.clipboard.writeText(props.value);
    setCopied(true);
  };
  return (
    <button
      type="button"
      class="secondary small"
      onClick={() => void copy()}
      data-testid={props.testId}
    >
      {copied() ? t('members.copied') : t('members.copy')}
    </button>
  );
}
