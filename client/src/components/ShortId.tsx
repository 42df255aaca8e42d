/**
 * A long machine id (a charge id, a workspace or account id) with a button that copies it.
 * On a phone (DataTable.css) it is shown short — its start and its end, `usage-20…0001` — on
 * wider screens whole; screen readers and the tooltip always get the whole id. Printed numbers
 * people read (V-…, C-…) are not ids and are never shortened.
 */
import { A } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { t } from '../lib/i18n.ts';

const KEEP_START = 8;
const KEEP_END = 4;

/** The id as shown: whole when short, else its first and last characters around "…". */
export function shortId(id: string): string {
  return id.length <= KEEP_START + KEEP_END + 2
    ? id
    : `${id.slice(0, KEEP_START)}…${id.slice(-KEEP_END)}`;
}

export function ShortId(props: { id: string; href?: string; linkTestId?: string }) {
  const [copied, setCopied] = createSignal(false);
  const copy = async () => {
    await copyText(props.id);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  const text = () => (
    <>
      <span class="id-short" aria-hidden="true">
        {shortId(props.id)}
      </span>
      <span class="id-full">{props.id}</span>
    </>
  );
  return (
    <span class="short-id" data-id={props.id}>
      <Show
        when={props.href}
        fallback={
          <span class="mono" title={props.id}>
            {text()}
          </span>
        }
      >
        {(href) => (
          <A class="mono" href={href()} title={props.id} data-testid={props.linkTestId}>
            {text()}
          </A>
        )}
      </Show>
      <button
        type="button"
        class="copy-id"
        aria-label={t('common.copyId', { id: props.id })}
        onClick={() => void copy()}
      >
        <Show when={copied()} fallback={<CopyIcon />}>
          ✓
        </Show>
      </button>
      <span class="visually-hidden" aria-live="polite">
        {copied() ? t('common.copied') : ''}
      </span>
    </span>
  );
}

/** The clipboard where the browser offers it (secure pages), else a selected text field. */
async function copyText(text: string): Promise<void> {
  if (navigator.clipboard) {
    try {
      await navigator.clipboard.writeText(text);
      return;
    } catch {
      // Refused (no permission): fall through to the older way.
    }
  }
  const field = document.createElement('textarea');
  field.value = text;
  field.setAttribute('readonly', '');
  field.style.position = 'fixed';
  field.style.opacity = '0';
  document.body.append(field);
  field.select();
  document.execCommand('copy');
  field.remove();
}

/** Two overlapping sheets: the usual picture of "copy" (fonts may lack a glyph for it). */
function CopyIcon() {
  return (
    <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
      <rect x="3.5" y="0.5" width="8" height="8" rx="1" fill="none" stroke="currentColor" />
      <rect x="0.5" y="3.5" width="8" height="8" rx="1" fill="var(--card)" stroke="currentColor" />
    </svg>
  );
}
