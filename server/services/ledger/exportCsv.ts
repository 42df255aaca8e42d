/**
 * CSV export of a statement: every entry matching the filter, newest first, streamed page by
 * page (keyset), so an export of a million entries never sits in memory at once.
 */
import { stringify } from 'csv-stringify/sync';
import type { LedgerFilter } from '../../../common/schemas.ts';
import type { ServiceContext } from '../../context.ts';
import { requireAccountRead } from '../access.ts';
import { ledgerEntryView, readLedgerPage } from './list.ts';

const PAGE = 1_000;

export const LEDGER_CSV_COLUMNS = [
  'entryId',
  'createdAt',
  'accountId',
  'workspaceId',
  'instrument',
  'instrumentId',
  'amount',
  'balanceAfter',
  'reason',
  'refType',
  'refId',
] as const;

export function exportLedgerCsv(
  ctx: ServiceContext,
  filter: LedgerFilter,
): ReadableStream<Uint8Array> {
  requireAccountRead(ctx.actor, filter.accountId);
  const encoder = new TextEncoder();
  let cursor: number | null = null;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(stringify([[...LEDGER_CSV_COLUMNS]])));
      }
      const rows = await readLedgerPage(ctx, filter, cursor, PAGE);
      const records = rows.map((row) => {
        const entry = ledgerEntryView(row);
        return [
          entry.entryId,
          new Date(entry.createdAtMs).toISOString(),
          entry.accountId,
          entry.workspaceId ?? '',
          entry.instrument,
          entry.instrumentId ?? '',
          entry.amount,
          entry.balanceAfter ?? '',
          entry.reason,
          entry.refType,
          entry.refId,
        ];
      });
      if (records.length > 0) controller.enqueue(encoder.encode(stringify(records)));
      cursor = rows.at(-1)?.id ?? cursor;
      if (rows.length < PAGE) controller.close();
    },
  });
}
