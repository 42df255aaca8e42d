/**
 * An account's in-app notifications, newest first (its members, or operators). The cursor is
 * opaque: `<createdAtMs>:<id>` of the last item seen.
 */
import { and, desc, eq, lt, or } from 'drizzle-orm';
import { DomainError } from '../../../common/errors.ts';
import { fieldIssue } from '../../../common/issues.ts';
import { notifications } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { requireReadableAccount } from '../access.ts';

export interface NotificationView {
  readonly id: string;
  /** The alert rule that fired (`balance_below`…) or the event type told of. */
  readonly kind: string;
  /** The words' parameters: the `alert.fired` payload (or the event's). */
  readonly data: Record<string, unknown>;
  readonly createdAtMs: number;
  readonly readAtMs: number | null;
}

export async function listNotifications(
  ctx: ServiceContext,
  input: { accountId: string; cursor?: string | undefined; limit: number },
): Promise<{ items: NotificationView[]; nextCursor: string | null }> {
  await requireReadableAccount(ctx, input.accountId);
  const after = input.cursor ? parseCursor(input.cursor) : null;
  const rows = await ctx.database.db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.accountId, input.accountId),
        after
          ? or(
              lt(notifications.createdAtMs, after.atMs),
              and(eq(notifications.createdAtMs, after.atMs), lt(notifications.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAtMs), desc(notifications.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      kind: row.kind,
      data: JSON.parse(row.data) as Record<string, unknown>,
      createdAtMs: row.createdAtMs,
      readAtMs: row.readAtMs,
    })),
    nextCursor: rows.length > input.limit && last ? `${last.createdAtMs}:${last.id}` : null,
  };
}

export function parseCursor(cursor: string): { atMs: number; id: string } {
  const match = /^(\d+):(.+)$/.exec(cursor);
  if (!match?.[1] || !match[2]) {
    throw new DomainError('VALIDATION', 'cursor: is not a cursor this API returned', [
      fieldIssue('cursor', 'CURSOR_INVALID'),
    ]);
  }
  return { atMs: Number(match[1]), id: match[2] };
}
