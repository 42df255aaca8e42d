/**
 * One page of ledger entries: signed amounts (red when money left the instrument), the
 * balance after, the reason in words and what the entry refers to.
 */
import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { LedgerEntry } from '../../../console/types.ts';
import { money, time } from '../../../lib/format.ts';
import { tOr } from '../../../console/words.ts';
import { t } from '../../../lib/i18n.ts';

export function LedgerTable(props: { accountId: string; items: readonly LedgerEntry[] }) {
  return (
    <div class="table-wrap">
      <table data-testid="ledger-table">
        <thead>
          <tr>
            <th scope="col">{t('statement.col.time')}</th>
            <th scope="col">{t('statement.col.instrument')}</th>
            <th scope="col">{t('statement.col.instrumentId')}</th>
            <th scope="col">{t('statement.col.workspace')}</th>
            <th scope="col" class="amount">
              {t('statement.col.amount')}
            </th>
            <th scope="col" class="amount">
              {t('statement.col.balanceAfter')}
            </th>
            <th scope="col">{t('statement.col.reason')}</th>
            <th scope="col">{t('statement.col.reference')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.items}>
            {(entry) => (
              <tr data-testid="ledger-row" data-entry-id={entry.entryId}>
                <td class="nowrap">{time(entry.createdAtMs)}</td>
                <td>{tOr(`statement.instrument.${entry.instrument}`, entry.instrument)}</td>
                <td class="mono">{entry.instrumentId ?? '—'}</td>
                <td class="mono">{entry.workspaceId ?? '—'}</td>
                <td
                  class="amount"
                  classList={{ negative: entry.amount.startsWith('-') }}
                  data-testid="ledger-amount"
                >
                  {money(entry.amount)}
                </td>
                <td class="amount">
                  {entry.balanceAfter === null ? '—' : money(entry.balanceAfter)}
                </td>
                <td data-testid="ledger-reason" data-reason={entry.reason}>
                  {tOr(`statement.reason.${entry.reason}`, entry.reason)}
                </td>
                <td>
                  <Reference accountId={props.accountId} entry={entry} />
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

function Reference(props: { accountId: string; entry: LedgerEntry }) {
  const label = () => tOr(`statement.ref.${props.entry.refType}`, props.entry.refType);
  return (
    <span class="ledger-ref">
      <span class="muted">{label()}</span>{' '}
      <Show
        when={props.entry.refType === 'charge'}
        fallback={<span class="mono">{props.entry.refId}</span>}
      >
        <A
          class="mono"
          href={`/accounts/${props.accountId}/charges/${encodeURIComponent(props.entry.refId)}`}
        >
          {props.entry.refId}
        </A>
      </Show>
    </span>
  );
}
