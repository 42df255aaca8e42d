/**
 * One page of ledger entries: signed amounts (red when money left the instrument), the
 * balance after, the reason in words and what the entry refers to as people quote it — the
 * printed voucher or card number, the bank serial, the order number, the workspace's name
 * (the server resolves them; the ids stay for links and tooltips).
 */
import { Show } from 'solid-js';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { ShortId } from '../../../components/ShortId.tsx';
import type { LedgerEntry } from '../../../console/types.ts';
import { tOr } from '../../../console/words.ts';
import { money, time } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';

export function LedgerTable(props: { accountId: string; items: readonly LedgerEntry[] }) {
  const columns = (): Column<LedgerEntry>[] => [
    {
      header: t('statement.col.time'),
      phone: 'meta',
      class: 'nowrap',
      cell: (entry) => time(entry.createdAtMs),
    },
    {
      header: t('statement.col.reason'),
      phone: 'title',
      testId: 'ledger-reason',
      cellAttrs: (entry) => ({ 'data-reason': entry.reason }),
      cell: (entry) => tOr(`statement.reason.${entry.reason}`, entry.reason),
    },
    {
      header: t('statement.col.instrument'),
      phone: 'meta',
      cell: (entry) => <Instrument entry={entry} />,
    },
    {
      header: t('statement.col.workspace'),
      phone: 'meta',
      cell: (entry) => (
        <Show when={entry.workspaceId} fallback="—">
          {(id) => <span title={id()}>{entry.workspaceName ?? id()}</span>}
        </Show>
      ),
    },
    {
      header: t('statement.col.amount'),
      numeric: true,
      phone: 'amount',
      testId: 'ledger-amount',
      class: 'money',
      cellAttrs: (entry) => ({ 'data-negative': String(entry.amount.startsWith('-')) }),
      cell: (entry) => (
        <span classList={{ negative: entry.amount.startsWith('-') }}>{money(entry.amount)}</span>
      ),
    },
    {
      header: t('statement.col.balanceAfter'),
      numeric: true,
      cell: (entry) => (entry.balanceAfter === null ? '—' : money(entry.balanceAfter)),
    },
    {
      header: t('statement.col.reference'),
      testId: 'ledger-reference',
      class: 'ledger-reference wrap-ids',
      cell: (entry) => <Reference accountId={props.accountId} entry={entry} />,
    },
  ];
  return (
    <DataTable
      label={t('statement.tableLabel')}
      testId="ledger-table"
      rowTestId="ledger-row"
      rowAttrs={(entry) => ({ 'data-entry-id': String(entry.entryId) })}
      rows={props.items}
      columns={columns()}
    />
  );
}

/** The kind in words, with the printed number of a voucher or card (or the cloud account). */
function Instrument(props: { entry: LedgerEntry }) {
  return (
    <>
      {tOr(`statement.instrument.${props.entry.instrument}`, props.entry.instrument)}
      <Show when={props.entry.instrumentNumber}>
        {(number) => (
          <div class="mono small nowrap" title={props.entry.instrumentId ?? ''}>
            {number()}
          </div>
        )}
      </Show>
    </>
  );
}

function Reference(props: { accountId: string; entry: LedgerEntry }) {
  const entry = () => props.entry;
  const label = () => tOr(`statement.ref.${entry().refType}`, entry().refType);
  const href = () => `/accounts/${props.accountId}/charges/${encodeURIComponent(entry().refId)}`;
  return (
    <span class="ledger-ref">
      <span class="muted">{label()}</span>{' '}
      <Show
        when={entry().refType === 'charge'}
        fallback={
          <span class="mono" title={entry().refId}>
            {entry().reference}
          </span>
        }
      >
        <ShortId id={entry().reference} href={href()} />
      </Show>
      <Show when={entry().referenceDetail}>
        {(detail) => <span class="muted small ref-detail">{detail()}</span>}
      </Show>
    </span>
  );
}
