/**
 * CSV export of the charges a filter selects (as `charges.list` and its totals), newest
 * settlement first, streamed by keyset page. The statement's conventions: UTF-8 BOM, headers
 * and words in the reader's language, times in Beijing time with their offset, workspace
 * names beside their ids, and how each charge was paid in one column per way of paying.
 */
import { inArray } from 'drizzle-orm';
import { addFen, amountToFen, fenToAmount } from '../../../common/money.ts';
import type { ChargeFilter } from '../../../common/schemas.ts';
import { shanghaiTimestamp } from '../../../common/time.ts';
import { valueWord, type Language } from '../../../common/words.ts';
import { workspaces } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { csvStream, type CsvColumn } from '../csv.ts';
import { inChunks } from '../inChunks.ts';
import { withParts } from './get.ts';
import { chargeConditions, cursorAfter, readChargePage } from './list.ts';
import { TOTAL_OF_SOURCE } from './totals.ts';
import type { ChargeView } from './view.ts';

const PAGE = 500;

interface Row {
  readonly charge: ChargeView;
  readonly workspaceName: string;
  readonly paid: Readonly<Record<'voucher' | 'card' | 'cash', string>>;
}

type Cell = (row: Row, language: Language) => string | number;

const COLUMNS: readonly (CsvColumn & { readonly cell: Cell })[] = [
  { en: 'Charge ID', zh: '费用 ID', cell: (r) => r.charge.chargeId },
  {
    en: 'Settled (Beijing, UTC+8)',
    zh: '结算时间（北京时间）',
    cell: (r) => shanghaiTimestamp(r.charge.settledAtMs),
  },
  { en: 'Period start', zh: '账期开始', cell: (r) => shanghaiTimestamp(r.charge.periodStartMs) },
  { en: 'Period end', zh: '账期结束', cell: (r) => shanghaiTimestamp(r.charge.periodEndMs) },
  { en: 'Workspace', zh: '工作空间', cell: (r) => r.workspaceName },
  { en: 'Category', zh: '类别', cell: (r, l) => valueWord(l, 'category', r.charge.category) },
  { en: 'Description', zh: '说明', cell: (r) => r.charge.description },
  { en: 'Amount (CNY)', zh: '金额（元）', cell: (r) => r.charge.amount },
  { en: 'Paid by vouchers', zh: '代金券支付', cell: (r) => r.paid.voucher },
  { en: 'Paid by prepaid cards', zh: '预付卡支付', cell: (r) => r.paid.card },
  { en: 'Paid in cash', zh: '现金支付', cell: (r) => r.paid.cash },
  { en: 'To overdue', zh: '计入欠费', cell: (r) => r.charge.overdue },
  { en: 'To cloud account', zh: '计入云市场账户', cell: (r) => r.charge.cloud },
  { en: 'Account ID', zh: '账户 ID', cell: (r) => r.charge.accountId },
  { en: 'Workspace ID', zh: '工作空间 ID', cell: (r) => r.charge.workspaceId },
];

export async function exportChargesCsv(
  ctx: ServiceContext,
  filter: ChargeFilter,
  language: Language,
): Promise<ReadableStream<Uint8Array>> {
  // Access is checked here, before the response starts, so a refusal is a clean 403.
  const where = await chargeConditions(ctx, filter);
  return csvStream<string>(COLUMNS, language, async (cursor) => {
    const rows = await readChargePage(ctx, where, cursor, PAGE);
    const views = await withParts(ctx.database.db, rows);
    const names = await workspaceNames(ctx, views);
    const records = views.map((charge) => {
      const row: Row = {
        charge,
        workspaceName: names.get(charge.workspaceId) ?? '',
        paid: paidBy(charge),
      };
      return COLUMNS.map((column) => column.cell(row, language));
    });
    return { records, next: rows.length < PAGE ? null : cursorAfter(rows) };
  });
}

/** What vouchers, cards and cash paid of one charge (overdue and cloud have their own). */
function paidBy(charge: ChargeView): Row['paid'] {
  const fen = { voucher: 0, card: 0, cash: 0, overdue: 0, cloud: 0 };
  for (const part of charge.parts) {
    const total = TOTAL_OF_SOURCE[part.source];
    fen[total] = addFen(fen[total], amountToFen(part.amount));
  }
  return {
    voucher: fenToAmount(fen.voucher),
    card: fenToAmount(fen.card),
    cash: fenToAmount(fen.cash),
  };
}

async function workspaceNames(
  ctx: ServiceContext,
  views: readonly ChargeView[],
): Promise<Map<string, string>> {
  const ids = [...new Set(views.map((view) => view.workspaceId))];
  const rows = await inChunks(ids, ctx.database.maxParams, (chunk) =>
    ctx.database.db
      .select({ id: workspaces.id, name: workspaces.name })
      .from(workspaces)
      .where(inArray(workspaces.id, chunk)),
  );
  return new Map(rows.map((row) => [row.id, row.name]));
}
