/**
 * Statements: the ledger of one account, newest first, paged by keyset on the entry id (so
 * page N costs the same as page 1 at a million entries), with filters. Each entry carries
 * what it refers to as people quote it (references.ts) beside the ids, which stay for links.
 */
import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { fenToAmount } from '../../../common/money.ts';
import type { LedgerFilter } from '../../../common/schemas.ts';
import { ledgerEntries } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { requireReadableAccount } from '../access.ts';
import { resolveReferences, type EntryReferences } from './references.ts';

export type LedgerRow = typeof ledgerEntries.$inferSelect;

export interface LedgerEntryView extends EntryReferences {
  readonly entryId: number;
  readonly accountId: string;
  readonly workspaceId: string | null;
  readonly instrument: LedgerRow['instrument'];
  readonly instrumentId: string | null;
  /** Signed: negative when the instrument went down. */
  readonly amount: string;
  readonly balanceAfter: string | null;
  readonly reason: string;
  readonly refType: string;
  readonly refId: string;
  readonly createdAtMs: number;
  /** The entry's link in the account's hash chain; null on history not chained yet. */
  readonly seq: number | null;
  readonly prevHash: string | null;
  readonly hash: string | null;
}

export interface LedgerPage {
  readonly items: readonly LedgerEntryView[];
  readonly nextCursor: number | null;
}

export async function listLedger(
  ctx: ServiceContext,
  input: LedgerFilter & { cursor?: number | undefined; limit?: number | undefined },
): Promise<LedgerPage> {
  await requireReadableAccount(ctx, input.accountId);
  const limit = input.limit ?? 100;
  const rows = await readLedgerPage(ctx, input, input.cursor ?? null, limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: await ledgerEntryViews(ctx, page),
    nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** One page of raw rows below `cursor` (exclusive), newest first. */
export function readLedgerPage(
  ctx: ServiceContext,
  filter: LedgerFilter,
  cursor: number | null,
  limit: number,
): Promise<LedgerRow[]> {
  const conditions: (SQL | undefined)[] = [
    eq(ledgerEntries.accountId, filter.accountId),
    filter.instrument ? eq(ledgerEntries.instrument, filter.instrument) : undefined,
    filter.instrumentId ? eq(ledgerEntries.instrumentId, filter.instrumentId) : undefined,
    filter.reason ? eq(ledgerEntries.reason, filter.reason) : undefined,
    filter.workspaceId ? eq(ledgerEntries.workspaceId, filter.workspaceId) : undefined,
    filter.fromMs !== undefined ? gte(ledgerEntries.createdAtMs, filter.fromMs) : undefined,
    filter.toMs !== undefined ? lt(ledgerEntries.createdAtMs, filter.toMs) : undefined,
    cursor !== null ? lt(ledgerEntries.id, cursor) : undefined,
  ];
  return ctx.database.db
    .select()
    .from(ledgerEntries)
    .where(and(...conditions))
    .orderBy(desc(ledgerEntries.id))
    .limit(limit);
}

/** The views of a page of rows, their references resolved together. */
export async function ledgerEntryViews(
  ctx: ServiceContext,
  rows: readonly LedgerRow[],
): Promise<LedgerEntryView[]> {
  const references = await resolveReferences(ctx.database, rows);
  return rows.map((row, i) => ledgerEntryView(row, references[i]));
}

function ledgerEntryView(row: LedgerRow, references: EntryReferences | undefined): LedgerEntryView {
  return {
    entryId: row.id,
    accountId: row.accountId,
    workspaceId: row.workspaceId,
    instrument: row.instrument,
    instrumentId: row.instrumentId,
    amount: fenToAmount(row.amountFen),
    balanceAfter: row.balanceFenAfter === null ? null : fenToAmount(row.balanceFenAfter),
    reason: row.reason,
    refType: row.refType,
    refId: row.refId,
    createdAtMs: row.createdAtMs,
    seq: row.seq,
    prevHash: row.prevHash,
    hash: row.hash,
    instrumentNumber: references?.instrumentNumber ?? null,
    workspaceName: references?.workspaceName ?? null,
    reference: references?.reference ?? row.refId,
    referenceDetail: references?.referenceDetail ?? null,
  };
}
