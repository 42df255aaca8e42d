/**
 * The codes of a batch just created. The server keeps only their keyed hashes, so this is
 * the one time anyone sees them: the operator downloads or copies them now.
 */
import { createMemo, For, onCleanup, Show } from 'solid-js';
import { cny, time } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';
import type { CreatedBatch } from './CodeBatchForm.tsx';

export function NewCodes(props: { batch: CreatedBatch; onDismiss: () => void }) {
  const download = createMemo(() => {
    const codes = props.batch.codes;
    if (!codes) return null;
    const lines = [
      'code,denomination,code_deadline',
      ...codes.map(
        (code) =>
          `${code},${props.batch.denomination},${new Date(props.batch.codeDeadlineMs).toISOString()}`,
      ),
    ];
    const url = URL.createObjectURL(new Blob([`${lines.join('\n')}\n`], { type: 'text/csv' }));
    onCleanup(() => URL.revokeObjectURL(url));
    return url;
  });

  return (
    <section class="card new-codes" aria-labelledby="new-codes-title" data-testid="new-codes">
      <h2 id="new-codes-title">
        {t('operator.codes.newTitle', {
          quantity: props.batch.quantity,
          amount: cny(props.batch.denomination),
        })}
      </h2>
      <Show
        when={props.batch.codes}
        fallback={
          <p class="warn" role="alert">
            {t('operator.codes.replayed')}
          </p>
        }
      >
        {(codes) => (
          <>
            <p class="rule-note danger" role="alert" data-testid="codes-warning">
              {t('operator.codes.onceWarning')}
            </p>
            <p class="muted small">
              {t('operator.codes.deadlineIs', { deadline: time(props.batch.codeDeadlineMs) })}
            </p>
            <Show when={download()}>
              {(href) => (
                <a
                  class="button"
                  href={href()}
                  download={`activation-codes-${props.batch.batchId}.csv`}
                  data-testid="codes-download"
                >
                  {t('operator.codes.download')}
                </a>
              )}
            </Show>
            <ol class="codes" data-testid="codes-list">
              <For each={codes()}>
                {(code) => (
                  <li class="mono" data-testid="code-value">
                    {code}
                  </li>
                )}
              </For>
            </ol>
          </>
        )}
      </Show>
      <button type="button" class="secondary" onClick={() => props.onDismiss()}>
        {t('operator.codes.dismiss')}
      </button>
    </section>
  );
}
