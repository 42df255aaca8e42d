/** Lists accounts for operators, by name search, keyset-paged by id. */
import { and, asc, gt, or, sql, type SQL } from 'drizzle-orm';
import { fenToAmount } from '../../../common/money.ts';
import { accounts } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { requireRole } from '../access.ts';

export interface AccountListItem {
  readonly id: string;
  readonly name: string;
  readonly remittanceRef: string;
  readonly cash: string;
  readonly overdue: string;
  readonly overdueSinceMs: number | null;
  readonly createdAtMs: number;
}

export async function listAccounts(
  ctx: ServiceContext,
  input: { search?: string | undefined; cursor?: string | undefined; limit?: number | undefined },
): Promise<{ items: AccountListItem[]; nextCursor: string | null }> {
  requireRole(ctx.actor, ['operator']);
  const limit = input.limit ?? 50;
  const pattern = input.search ? `%${input.search.replace(/[%_\\]/g, '\\$&')}%` : undefined;
  const filters: (SQL | undefined)[] = [
    pattern
      ? or(
          sql`${accounts.name} LIKE ${pattern} ESCAPE '\\'`,
          sql`${accounts.id} LIKE ${pattern} ESCAPE '\\'`,
          sql`${accounts.remittanceRef} LIKE ${pattern} ESCAPE '\\'`,
        )
      : undefined,
    input.cursor ? gt(accounts.id, input.cursor) : undefined,
  ];
  const rows = await ctx.database.db
    .select()
    .from(accounts)
    .where(and(...filters))
    .orderBy(asc(accounts.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: page.map((row) => ({
      id: row.id,
      name: row.name,
      remittanceRef: row.remittanceRef,
      cash: fenToAmount(row.cashFen),
      overdue: fenToAmount(row.overdueFen),
      overdueSinceMs: row.overdueSinceMs,
      createdAtMs: row.createdAtMs,
    })),
    nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}
