/**
 * Throttling of failed attempts, with the counters in the database so the limit holds across
 * server instances and at the edge. Fixed windows per key.
 *
 * An attempt reserves its place before it is evaluated, and gives it back only if it
 * succeeds: so attempts made at the same moment — a batched tRPC call, parallel requests —
 * each count, and no burst can slip past the limit before the first failure is recorded.
 */
import { inArray, sql } from 'drizzle-orm';
import { DomainError } from '../../common/errors.ts';
import { rateLimits } from '../../db/schema/index.ts';
import type { WalletDeps } from '../context.ts';

type Counters = Pick<WalletDeps, 'database' | 'clock'>;

export interface Throttle {
  readonly keys: readonly string[];
  readonly limit: number;
  readonly windowMs: number;
}

/** Reserves an attempt under every key; throws THROTTLED when any key is over its limit. */
export async function reserveAttempt(ctx: Counters, throttle: Throttle): Promise<void> {
  const nowMs = ctx.clock.nowMs();
  const staleBeforeMs = nowMs - throttle.windowMs;
  const db = ctx.database.db;
  const statements = throttle.keys.map((key) =>
    db
      .insert(rateLimits)
      .values({ key, windowStartMs: nowMs, count: 1 })
      .onConflictDoUpdate({
        target: rateLimits.key,
        set: {
          count: sql`CASE WHEN ${rateLimits.windowStartMs} <= ${staleBeforeMs} THEN 1
                     ELSE ${rateLimits.count} + 1 END`,
          windowStartMs: sql`CASE WHEN ${rateLimits.windowStartMs} <= ${staleBeforeMs}
                             THEN ${nowMs} ELSE ${rateLimits.windowStartMs} END`,
        },
      })
      .returning({ count: rateLimits.count, windowStartMs: rateLimits.windowStartMs }),
  );
  const [first, ...rest] = statements;
  if (!first) return;
  const results = await db.batch([first, ...rest]);
  const over = results.flat().find((row) => row.count > throttle.limit);
  if (over) {
    const retryAfterS = Math.ceil((over.windowStartMs + throttle.windowMs - nowMs) / 1000);
    const waitS = Math.max(1, retryAfterS);
    throw new DomainError(
      'THROTTLED',
      `too many failed attempts; try again in ${waitS} seconds`,
      [],
      { retryAfterS: waitS, retryAtMs: nowMs + waitS * 1000 },
    );
  }
}

/** Gives back the attempt reserved by `reserveAttempt`, after it succeeded. */
export async function releaseAttempt(ctx: Counters, throttle: Throttle): Promise<void> {
  await ctx.database.db
    .update(rateLimits)
    .set({ count: sql`MAX(${rateLimits.count} - 1, 0)` })
    .where(inArray(rateLimits.key, [...throttle.keys]));
}
