/**
 * CSV export of a statement: every entry matching the filter, newest first, streamed page by
 * page (keyset on the entry id). Written for a finance team reconciling it in a spreadsheet:
 * times in Beijing time with their offset, reasons and kinds in words, printed voucher and
 * card numbers, bank serials, order numbers and workspace names — and the ids beside them.
 */
import { eq } from 'drizzle-orm';
import type { LedgerFilter } from '../../../common/schemas.ts';
import { shanghaiTimestamp } from '../../../common/time.ts';
import { valueWord, type Language } from '../../../common/words.ts';
import { accounts } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { requireAccountRead } from '../access.ts';
import { csvStream, type CsvColumn } from '../csv.ts';
import { ledgerEntryViews, readLedgerPage, type LedgerEntryView } from './list.ts';

const PAGE = 1_000;

type Cell = (entry: LedgerEntryView, language: Language, accountName: string) => string | number;

/** The columns, in order: header words and how each cell is written. */
const COLUMNS: readonly (CsvColumn & { readonly cell: Cell })[] = [
  { en: 'Entry ID', zh: '流水号', cell: (e) => e.entryId },
  {
    en: 'Time (Beijing, UTC+8)',
    zh: '时间（北京时间）',
    cell: (e) => shanghaiTimestamp(e.createdAtMs),
  },
  { en: 'Account', zh: '账户', cell: (_e, _l, accountName) => accountName },
  { en: 'Workspace', zh: '工作空间', cell: (e) => e.workspaceName ?? '' },
  { en: 'Instrument', zh: '资金类型', cell: (e, l) => valueWord(l, 'instrument', e.instrument) },
  { en: 'Voucher or card number', zh: '券号/卡号', cell: (e) => e.instrumentNumber ?? '' },
  { en: 'Amount (CNY)', zh: '金额（元）', cell: (e) => e.amount },
  { en: 'Balance after (CNY)', zh: '变动后余额（元）', cell: (e) => e.balanceAfter ?? '' },
  { en: 'Reason', zh: '原因', cell: (e, l) => valueWord(l, 'reason', e.reason) },
  { en: 'Refers to', zh: '关联类型', cell: (e, l) => valueWord(l, 'ref', e.refType) },
  { en: 'Reference', zh: '关联单号', cell: (e) => e.reference },
  { en: 'Reference detail', zh: '关联说明', cell: (e) => e.referenceDetail ?? '' },
  { en: 'Account ID', zh: '账户 ID', cell: (e) => e.accountId },
  { en: 'Workspace ID', zh: '工作空间 ID', cell: (e) => e.workspaceId ?? '' },
  { en: 'Instrument ID', zh: '资金 ID', cell: (e) => e.instrumentId ?? '' },
  { en: 'Reference ID', zh: '关联 ID', cell: (e) => e.refId },
  // The hash chain (docs/decisions/014): an auditor recomputes each hash from the row.
  { en: 'Chain seq', zh: '链序号', cell: (e) => e.seq ?? '' },
  { en: 'Previous hash', zh: '前一条哈希', cell: (e) => e.prevHash ?? '' },
  { en: 'Entry hash', zh: '本条哈希', cell: (e) => e.hash ?? '' },
];

export function exportLedgerCsv(
  ctx: ServiceContext,
  filter: LedgerFilter,
  language: Language,
): ReadableStream<Uint8Array> {
  requireAccountRead(ctx.actor, filter.accountId);
  let accountName: Promise<string> | null = null;
  return csvStream<number>(COLUMNS, language, async (cursor) => {
    accountName ??= nameOf(ctx, filter.accountId);
    const rows = await readLedgerPage(ctx, filter, cursor, PAGE);
    const entries = await ledgerEntryViews(ctx, rows);
    const name = await accountName;
    return {
      records: entries.map((entry) => COLUMNS.map((column) => column.cell(entry, language, name))),
      next: rows.length < PAGE ? null : (rows.at(-1)?.id ?? null),
    };
  });
}

async function nameOf(ctx: ServiceContext, accountId: string): Promise<string> {
  const [row] = await ctx.database.db
    .select({ name: accounts.name })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  return row?.name ?? '';
}
