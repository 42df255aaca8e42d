/**
 * Lists charges newest first, by keyset on (settled time, id) so deep pages stay fast.
 * The cursor is opaque to callers: `<settledAtMs>:<chargeId>` of the last row seen.
 */
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import * as v from 'valibot';
import { DomainError } from '../../../common/errors.ts';
import { fieldIssue } from '../../../common/issues.ts';
import type { ListChargesInput } from '../../../common/schemas.ts';
import { charges } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { requireAccountRead, requireReadableAccount, soleAccount } from '../access.ts';
import { withParts } from './get.ts';
import type { ChargeView } from './view.ts';

export interface ChargePage {
  readonly items: readonly ChargeView[];
  readonly nextCursor: string | null;
}

export async function listCharges(
  ctx: ServiceContext,
  input: v.InferOutput<typeof ListChargesInput>,
): Promise<ChargePage> {
  const accountId = await scopeAccount(ctx, input.accountId, input.workspaceId);
  const limit = input.limit ?? 50;
  const filters: (SQL | undefined)[] = [
    accountId ? eq(charges.accountId, accountId) : undefined,
    input.workspaceId ? eq(charges.workspaceId, input.workspaceId) : undefined,
    input.category ? eq(charges.category, input.category) : undefined,
    input.cursor ? afterCursor(input.cursor) : undefined,
  ];
  const rows = await ctx.database.db
    .select()
    .from(charges)
    .where(and(...filters))
    .orderBy(desc(charges.settledAtMs), desc(charges.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: await withParts(ctx.database.db, page),
    nextCursor: rows.length > limit && last ? `${last.settledAtMs}:${last.id}` : null,
  };
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
