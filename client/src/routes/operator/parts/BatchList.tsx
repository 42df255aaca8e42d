/** Every code batch, newest first, with how many codes were redeemed, are unused or voided. */
import { For, Show } from 'solid-js';
import type { Outputs } from '../../../console/types.ts';
import { cny, date, time } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';

type Batch = Outputs['vouchers']['listCodeBatches'][number];

export function BatchList(props: {
  batches: readonly Batch[];
  openId: string | null;
  onOpen: (batchId: string | null) => void;
}) {
  return (
    <Show
      when={props.batches.length > 0}
      fallback={
        <p class="muted" data-testid="batches-empty">
          {t('operator.codes.noBatches')}
        </p>
      }
    >
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('operator.codes.created')}</th>
              <th scope="col" class="amount">
                {t('operator.codes.amount')}
              </th>
              <th scope="col">{t('operator.codes.quantity')}</th>
              <th scope="col">{t('operator.codes.deadline')}</th>
              <th scope="col">{t('operator.validity.title')}</th>
              <th scope="col">{t('operator.codes.counts')}</th>
              <th scope="col">{t('operator.codes.note')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('console.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={props.batches}>
              {(batch) => (
                <tr data-testid="batch-row" data-batch-id={batch.batchId}>
                  <td class="nowrap">{time(batch.createdAtMs)}</td>
                  <td class="amount">{cny(batch.denomination)}</td>
                  <td>{batch.quantity}</td>
                  <td class="nowrap">{time(batch.codeDeadlineMs)}</td>
                  <td class="nowrap">{validityText(batch.validity)}</td>
                  <td data-testid="batch-counts">
                    {t('operator.codes.countsValue', {
                      redeemed: batch.redeemed,
                      unused: batch.unused,
                      voided: batch.voided,
                    })}
                  </td>
                  <td>{batch.note || '—'}</td>
                  <td>
                    <button
                      type="button"
                      class="secondary"
                      aria-expanded={props.openId === batch.batchId}
                      onClick={() =>
                        props.onOpen(props.openId === batch.batchId ? null : batch.batchId)
                      }
                      data-testid="batch-open"
                    >
                      {props.openId === batch.batchId
                        ? t('operator.codes.close')
                        : t('operator.codes.open')}
                    </button>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </Show>
  );
}

function validityText(validity: Batch['validity']): string {
  return validity.kind === 'days'
    ? t('operator.validity.daysValue', { days: validity.days })
    : t('operator.validity.fixedValue', {
        from: date(validity.validFromMs),
        to: date(validity.expiresAtMs),
      });
}
