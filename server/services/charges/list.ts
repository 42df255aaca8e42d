/**
 * Lists charges newest first, by keyset on (settled time, id) so deep pages stay fast.
 * The cursor is opaque to callers: `<settledAtMs>:<chargeId>` of the last row seen.
 * The filter (and who may use which) is shared with the totals and the CSV export, so the
 * three always speak of the same charges.
 */
import { and, desc, eq, gte, lt, or, type SQL } from 'drizzle-orm';
import * as v from 'valibot';
import { DomainError } from '../../../common/errors.ts';
import { fieldIssue } from '../../../common/issues.ts';
import type { ChargeFilter, ListChargesInput } from '../../../common/schemas.ts';
import { charges } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { requireAccountRead, requireReadableAccount, soleAccount } from '../access.ts';
import { withParts } from './get.ts';
import type { ChargeRow, ChargeView } from './view.ts';

export interface ChargePage {
  readonly items: readonly ChargeView[];
  readonly nextCursor: string | null;
}

export async function listCharges(
  ctx: ServiceContext,
  input: v.InferOutput<typeof ListChargesInput>,
): Promise<ChargePage> {
  const where = await chargeConditions(ctx, input);
  const limit = input.limit ?? 50;
  const rows = await readChargePage(ctx, where, input.cursor ?? null, limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: await withParts(ctx.database.db, page),
    nextCursor: rows.length > limit ? cursorAfter(page) : null,
  };
}

/**
 * The SQL conditions of a filter, once the caller may read what it names. Checks access:
 * members see only their own account.
 */
export async function chargeConditions(ctx: ServiceContext, filter: ChargeFilter): Promise<SQL[]> {
  const accountId = await scopeAccount(ctx, filter.accountId, filter.workspaceId);
  const conditions: (SQL | undefined)[] = [
    accountId ? eq(charges.accountId, accountId) : undefined,
    filter.workspaceId ? eq(charges.workspaceId, filter.workspaceId) : undefined,
    filter.category ? eq(charges.category, filter.category) : undefined,
    // The billing period touches the window: it ends at or after its start (a period is
    // inclusive of its end instant) and starts before its end.
    filter.periodFromMs !== undefined ? gte(charges.periodEndMs, filter.periodFromMs) : undefined,
    filter.periodToMs !== undefined ? lt(charges.periodStartMs, filter.periodToMs) : undefined,
  ];
  return conditions.filter((condition) => condition !== undefined);
}

/** One page of rows after `cursor` (exclusive), newest settlement first. */
export function readChargePage(
  ctx: ServiceContext,
  where: readonly SQL[],
  cursor: string | null,
  limit: number,
): Promise<ChargeRow[]> {
  return ctx.database.db
    .select()
    .from(charges)
    .where(and(...where, cursor === null ? undefined : afterCursor(cursor)))
    .orderBy(desc(charges.settledAtMs), desc(charges.id))
    .limit(limit);
}

/** The cursor that continues after the last row of `page`. */
export function cursorAfter(page: readonly ChargeRow[]): string | null {
  const last = page.at(-1);
  return last ? `${last.settledAtMs}:${last.id}` : null;
}

/** The account the listing is confined to; null means every account (operator, metering). */
async function scopeAccount(
  ctx: ServiceContext,
  accountId: string | undefined,
  workspaceId: string | undefined,
): Promise<string | null> {
  const scoped =
    accountId ?? (workspaceId ? await ctx.lookups.accountOfWorkspace(workspaceId) : null);
  if (ctx.actor.role === 'operator' && accountId) await requireReadableAccount(ctx, accountId);
  if (ctx.actor.role === 'operator' || ctx.actor.role === 'metering') return scoped;
  const own = scoped ?? soleAccount(ctx.actor);
  if (!own)
    throw new DomainError('FORBIDDEN', 'name the account whose charges to list (accountId)');
  requireAccountRead(ctx.actor, own);
  return own;
}

function afterCursor(cursor: string): SQL | undefined {
  const match = /^(\d+):(.+)$/.exec(cursor);
  if (!match) {
    throw new DomainError('VALIDATION', 'cursor: is not a cursor this API returned', [
      fieldIssue('cursor', 'CURSOR_INVALID'),
    ]);
  }
  const settledAtMs = Number(match[1]);
  const id = match[2] ?? '';
  return or(
    lt(charges.settledAtMs, settledAtMs),
    and(eq(charges.settledAtMs, settledAtMs), lt(charges.id, id)),
  );
}
