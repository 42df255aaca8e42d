/**
 * The statement's filter as the form holds it (dates as typed, read in Asia/Shanghai) and
 * as the API and the CSV export take it (epoch ms; "to" includes the whole day).
 */
import type { LedgerInstrument, LedgerReason } from '../../../../../common/schemas.ts';
import { shanghaiDayEndMs, shanghaiDayStartMs } from '../../../console/shanghai.ts';

export interface StatementFilter {
  readonly instrument: LedgerInstrument | '';
  readonly reason: LedgerReason | '';
  readonly workspaceId: string;
  /** "2026-11-01" or empty. */
  readonly from: string;
  readonly to: string;
}

export const NO_FILTER: StatementFilter = {
  instrument: '',
  reason: '',
  workspaceId: '',
  from: '',
  to: '',
};

export interface LedgerQuery {
  readonly accountId: string;
  readonly instrument?: LedgerInstrument;
  readonly reason?: LedgerReason;
  readonly workspaceId?: string;
  readonly fromMs?: number;
  readonly toMs?: number;
}

export function ledgerQuery(accountId: string, filter: StatementFilter): LedgerQuery {
  const fromMs = shanghaiDayStartMs(filter.from);
  const toMs = shanghaiDayEndMs(filter.to);
  return {
    accountId,
    ...(filter.instrument ? { instrument: filter.instrument } : {}),
    ...(filter.reason ? { reason: filter.reason } : {}),
    ...(filter.workspaceId ? { workspaceId: filter.workspaceId } : {}),
    ...(fromMs === null ? {} : { fromMs }),
    ...(toMs === null ? {} : { toMs }),
  };
}

/**
 * The CSV export of the same filter, in the UI's language; the session cookie authenticates
 * the download.
 */
export function csvHref(query: LedgerQuery, language: 'zh' | 'en'): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) params.set(key, String(value));
  params.set('lang', language);
  return `/ledger/export.csv?${params.toString()}`;
}

/** Whether "to" comes before "from" (both typed), which can match nothing. */
export function rangeInverted(filter: StatementFilter): boolean {
  return filter.from !== '' && filter.to !== '' && filter.to < filter.from;
}
