/**
 * The codes of one batch: last characters, status, which account redeemed them (by name);
 * unused ones are voidable.
 */
import { A } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
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
  const onVoided = () => {
    void refetch();
    props.onChanged();
  };
  const columns = (): Column<Code>[] => [
    {
      header: t('operator.codes.hint'),
      phone: 'title',
      class: 'mono',
      cell: (code) => `…${code.hint}`,
    },
    {
      header: t('operator.codes.status'),
      phone: 'meta',
      cell: (code) => (
        <span class={`badge ${code.status}`} data-testid="code-status">
          {t(`operator.codes.state.${code.status}`)}
        </span>
      ),
    },
    {
      header: t('operator.codes.account'),
      testId: 'code-account',
      cell: (code) => <RedeemedBy code={code} />,
    },
    {
      header: t('operator.codes.when'),
      class: 'nowrap',
      cell: (code) => time(code.redeemedAtMs ?? code.voidedAtMs),
    },
    {
      header: t('console.actions'),
      headerHidden: true,
      phone: 'wide',
      cell: (code) => <CodeActions code={code} onVoided={onVoided} />,
    },
  ];
  return (
    <section aria-labelledby="batch-codes-title" data-testid="batch-codes">
      <h3 id="batch-codes-title">{t('operator.codes.batchCodes', { batch: props.batchId })}</h3>
      <Loaded of={codes}>
        {(list) => (
          <DataTable
            label={t('operator.codes.codesLabel')}
            rowTestId="code-row"
            rowAttrs={(code) => ({ 'data-status': code.status })}
            rows={list()}
            columns={columns()}
          />
        )}
      </Loaded>
    </section>
  );
}

/** The account that redeemed the code, by name, linking to it. */
function RedeemedBy(props: { code: Code }) {
  return (
    <Show when={props.code.accountId} fallback="—">
      {(id) => (
        <A href={`/operator/accounts/${id()}`} title={id()}>
          {props.code.accountName ?? id()}
        </A>
      )}
    </Show>
  );
}

function CodeActions(props: { code: Code; onVoided: () => void }) {
  const [confirming, setConfirming] = createSignal(false);
  const voiding = createAction(() => api.vouchers.voidCode.mutate({ codeId: props.code.codeId }));
  const confirm = async () => {
    if (await voiding.run()) props.onVoided();
    setConfirming(false);
  };
  return (
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
          <span class="small">{t('operator.codes.voidConfirm', { hint: props.code.hint })}</span>
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
  );
}
