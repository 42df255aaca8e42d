/**
 * Activation codes: create a batch (its codes shown once), list the batches with their
 * redemption counts, open one to see each code's state and void the unused ones.
 */
import { createResource, createSignal, Show } from 'solid-js';
import { Loaded } from '../../console/Loaded.tsx';
import { OperatorNav } from '../../console/OperatorNav.tsx';
import { t } from '../../lib/i18n.ts';
import { api } from '../../lib/trpc.ts';
import { BatchCodes } from './parts/BatchCodes.tsx';
import { BatchList } from './parts/BatchList.tsx';
import { CodeBatchForm, type CreatedBatch } from './parts/CodeBatchForm.tsx';
import { NewCodes } from './parts/NewCodes.tsx';
import '../../console.css';

export default function OperatorCodes() {
  const [batches, { refetch }] = createResource(() => api.vouchers.listCodeBatches.query());
  const [created, setCreated] = createSignal<CreatedBatch | null>(null);
  const [openId, setOpenId] = createSignal<string | null>(null);

  return (
    <section class="console-page" aria-labelledby="codes-title">
      <OperatorNav />
      <h1 id="codes-title">{t('operator.codes.title')}</h1>
      <Show
        when={created()}
        fallback={
          <CodeBatchForm
            onCreated={(batch) => {
              setCreated(batch);
              void refetch();
            }}
          />
        }
      >
        {(batch) => <NewCodes batch={batch()} onDismiss={() => setCreated(null)} />}
      </Show>
      <h2>{t('operator.codes.batches')}</h2>
      <Loaded of={batches}>
        {(list) => <BatchList batches={list()} openId={openId()} onOpen={setOpenId} />}
      </Loaded>
      <Show when={openId()} keyed>
        {(batchId) => <BatchCodes batchId={batchId} onChanged={() => void refetch()} />}
      </Show>
    </section>
  );
}
