/** The codes of one batch: last characters, status, who redeemed them; unused ones are voidable. */
import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { createAction } from '../../../console/form.tsx';
import { Loaded } from '../../../console/Loaded.tsx';
import type { Outputs } from '../../../console/types.ts';
import { time } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';
import { api, errorMessage } from '../../../lib/trpc.ts';

type Code = Outputs['vouchers']['listCodes'][number];

export function BatchCodes(props: { batchId: string; onChanged: () => void }) {
  const [codes, { refetch }] = createResource(
    () => props.batchId,
    (batchId) => api.vouchers.listCodes.query({ batchId }),
  );
  return (
    <section aria-labelledby="batch-codes-title" data-testid="batch-codes">
      <h3 id="batch-codes-title">{t('operator.codes.batchCodes', { batch: props.batchId })}</h3>
      <Loaded of={codes}>
        {(list) => (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('operator.codes.hint')}</th>
                  <th scope="col">{t('operator.codes.status')}</th>
                  <th scope="col">{t('operator.codes.account')}</th>
                  <th scope="col">{t('operator.codes.when')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('console.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={list()}>
                  {(code) => (
                    <CodeRow
                      code={code}
                      onVoided={() => {
                        void refetch();
                        props.onChanged();
                      }}
                    />
                  )}
                </For>
              </tbody>
            </table>
          </div>
        )}
      </Loaded>
    </section>
  );
}

function CodeRow(props: { code: Code; onVoided: () => void }) {
  const [confirming, setConfirming] = createSignal(false);
  const voiding = createAction(() => api.vouchers.voidCode.mutate({ codeId: props.code.codeId }));
  const confirm = async () => {
    if (await voiding.run()) props.onVoided();
    setConfirming(false);
  };
  return (
    <tr data-testid="code-row" data-status={props.code.status}>
      <td class="mono">…{props.code.hint}</td>
      <td>
        <span class={`badge ${props.code.status}`} data-testid="code-status">
          {t(`operator.codes.state.${props.code.status}`)}
        </span>
      </td>
      <td>
        <Show when={props.code.accountId} fallback="—">
          {(id) => (
            <A class="mono" href={`/operator/accounts/${id()}`}>
              {id()}
            </A>
          )}
        </Show>
      </td>
      <td class="nowrap">{time(props.code.redeemedAtMs ?? props.code.voidedAtMs)}</td>
      <td>
        <div class="row-actions">
          <Show when={props.code.status === 'unused'}>
            <Show
              when={confirming()}
              fallback={
                <button
                  type="button"
                  class="secondary"
                  onClick={() => setConfirming(true)}
                  data-testid="code-void"
                >
                  {t('operator.codes.void')}
                </button>
              }
            >
              <span class="small">
                {t('operator.codes.voidConfirm', { hint: props.code.hint })}
              </span>
              <button
                type="button"
                class="danger"
                disabled={voiding.busy()}
                onClick={confirm}
                data-testid="code-void-confirm"
              >
                {t('operator.codes.voidYes')}
              </button>
              <button type="button" class="link" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </button>
            </Show>
          </Show>
          <Show when={voiding.error()}>
            <p class="error" role="alert">
              {errorMessage(voiding.error())}
            </p>
          </Show>
        </div>
      </td>
    </tr>
  );
}
