/** Every code batch, newest first, with how many codes were redeemed, are unused or voided. */
import { Show } from 'solid-js';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import type { Outputs } from '../../../console/types.ts';
import { cny, date, time } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';

type Batch = Outputs['vouchers']['listCodeBatches'][number];

export function BatchList(props: {
  batches: readonly Batch[];
  openId: string | null;
  onOpen: (batchId: string | null) => void;
}) {
  const isOpen = (batch: Batch) => props.openId === batch.batchId;
  const columns = (): Column<Batch>[] => [
    {
      header: t('operator.codes.created'),
      phone: 'title',
      class: 'nowrap',
      cell: (batch) => time(batch.createdAtMs),
    },
    {
      header: t('operator.codes.amount'),
      numeric: true,
      phone: 'amount',
      cell: (batch) => cny(batch.denomination),
    },
    { header: t('operator.codes.quantity'), cell: (batch) => batch.quantity },
    {
      header: t('operator.codes.deadline'),
      class: 'nowrap',
      cell: (batch) => time(batch.codeDeadlineMs),
    },
    {
      header: t('operator.validity.title'),
      class: 'nowrap',
      cell: (batch) => validityText(batch.validity),
    },
    {
      header: t('operator.codes.counts'),
      testId: 'batch-counts',
      cell: (batch) =>
        t('operator.codes.countsValue', {
          redeemed: batch.redeemed,
          unused: batch.unused,
          voided: batch.voided,
        }),
    },
    { header: t('operator.codes.note'), cell: (batch) => batch.note || '—' },
    {
      header: t('console.actions'),
      headerHidden: true,
      phone: 'wide',
      cell: (batch) => (
        <button
          type="button"
          class="secondary"
          aria-expanded={isOpen(batch)}
          onClick={() => props.onOpen(isOpen(batch) ? null : batch.batchId)}
          data-testid="batch-open"
        >
          {isOpen(batch) ? t('operator.codes.close') : t('operator.codes.open')}
        </button>
      ),
    },
  ];
  return (
    <Show
      when={props.batches.length > 0}
      fallback={
        <p class="muted" data-testid="batches-empty">
          {t('operator.codes.noBatches')}
        </p>
      }
    >
      <DataTable
        label={t('operator.codes.batchesLabel')}
        rowTestId="batch-row"
        rowAttrs={(batch) => ({ 'data-batch-id': batch.batchId })}
        rows={props.batches}
        columns={columns()}
      />
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
