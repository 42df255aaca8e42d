/**
 * Throttling of failed attempts (sign-in, password change, code activation), with the state
 * in the database so it holds across server instances and at the edge. The rules themselves
 * are in attemptRules.ts; the design is docs/decisions/004-throttling.md.
 *
 * An attempt is checked against several rules, one counter row each:
 * - a *limit* refuses attempts once `limit` failures are counted in the fixed window. It
 *   locks quickly, so it is kept for keys that only the caller's own address reaches;
 * - a *backoff* lets `free` failures through, then holds every further attempt back until a
 *   growing delay has passed since the last one counted (1 s, 2 s, 4 s … up to a cap). It
 *   bounds guessing under keys anyone can reach (an email, an account, an address), while
 *   whoever else needs that key waits at most the cap, never a whole window;
 * - a rule may be *waived* by a live marker row (an email and address that signed in before).
 *
 * Admission is atomic and all or nothing, in one batch of four statements (one transaction,
 * one round trip): one creates the rows, or resets those whose window is over; one claims
 * every row only if no rule holds the attempt back; one counts the claimed rows; one reads
 * them back. So a
 * refused attempt counts nowhere, and a caller held back by one rule cannot push another
 * rule's delay further. An admitted attempt counts before it is evaluated and is given back
 * only if it succeeds, so attempts made at the same moment — a batched tRPC call, parallel
 * requests — each count, and no burst slips past a limit.
 */
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { DomainError } from '../../common/errors.ts';
import { rateLimits } from '../../db/schema/index.ts';
import type { WalletDeps } from '../context.ts';
import { newId } from '../ids.ts';

type Counters = Pick<WalletDeps, 'database' | 'clock'>;

export interface Backoff {
  /** Failures in the window before any delay. */
  readonly free: number;
  /** The first delay; each further failure doubles it. */
  readonly baseMs: number;
  readonly capMs: number;
}

export interface AttemptRule {
  readonly key: string;
  readonly windowMs: number;
  readonly limit?: number;
  readonly backoff?: Backoff;
  /** A marker key (see `rememberMarker`) whose live row lifts this rule. */
  readonly waivedBy?: string;
}

export interface Marker {
  readonly key: string;
  readonly ttlMs: number;
}

type Row = typeof rateLimits.$inferSelect;

/** Counts an attempt under every rule, or throws THROTTLED and counts nothing. */
export async function reserveAttempt(ctx: Counters, rules: readonly AttemptRule[]): Promise<void> {
  if (rules.length === 0) return;
  const db = ctx.database.db;
  const nowMs = ctx.clock.nowMs();
  const keys = rules.map((rule) => rule.key);
  const markers = rules.flatMap((rule) => (rule.waivedBy ? [rule.waivedBy] : []));
  const claim = newId('att');
  const [, , counted, rows] = await db.batch([
    startWindows(ctx, rules, nowMs),
    db
      .update(rateLimits)
      .set({ claim })
      .where(and(inArray(rateLimits.key, keys), sql`NOT EXISTS (${heldBack(rules, nowMs)})`)),
    db
      .update(rateLimits)
      .set({
        count: sql`${rateLimits.count} + 1`,
        notBeforeMs: nextNotBefore(rules, nowMs),
        claim: null,
      })
      .where(and(inArray(rateLimits.key, keys), eq(rateLimits.claim, claim)))
      .returning({ key: rateLimits.key }),
    db
      .select()
      .from(rateLimits)
      .where(inArray(rateLimits.key, [...keys, ...markers])),
  ]);
  if (counted.length === rules.length) return;
  throw throttled(retryAfterMs(rules, rows, nowMs), nowMs);
}

/**
 * Gives back the attempt reserved by `reserveAttempt`, after it succeeded, and lifts the
 * delay it set when the failures left are within the free ones. Stores `remember` if given.
 */
export async function releaseAttempt(
  ctx: Counters,
  rules: readonly AttemptRule[],
  remember?: Marker,
): Promise<void> {
  const db = ctx.database.db;
  const keys = rules.map((rule) => rule.key);
  const release = db
    .update(rateLimits)
    .set({
      count: sql`MAX(${rateLimits.count} - 1, 0)`,
      notBeforeMs: liftedNotBefore(rules),
    })
    .where(inArray(rateLimits.key, keys));
  if (!remember) {
    await release;
    return;
  }
  await db.batch([release, rememberMarker(ctx, remember)]);
}

/** A marker row that waives rules naming it until `ttlMs` from now. */
function rememberMarker(ctx: Counters, marker: Marker) {
  const nowMs = ctx.clock.nowMs();
  const expiresAtMs = nowMs + marker.ttlMs;
  return ctx.database.db
    .insert(rateLimits)
    .values({ key: marker.key, windowStartMs: nowMs, count: 0, expiresAtMs })
    .onConflictDoUpdate({ target: rateLimits.key, set: { expiresAtMs } });
}

/**
 * Creates each rule's row, or starts a new window where the last one is over. A row's
 * `expiresAtMs` is its window's end: a delay never outlasts the window, as a new window
 * starts without one.
 */
function startWindows(ctx: Counters, rules: readonly AttemptRule[], nowMs: number) {
  const over = sql`${rateLimits.expiresAtMs} <= ${nowMs}`;
  const fresh = rules.map((rule) => ({
    key: rule.key,
    windowStartMs: nowMs,
    count: 0,
    notBeforeMs: 0,
    expiresAtMs: nowMs + rule.windowMs,
  }));
  return ctx.database.db
    .insert(rateLimits)
    .values(fresh)
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`CASE WHEN ${over} THEN 0 ELSE ${rateLimits.count} END`,
        notBeforeMs: sql`CASE WHEN ${over} THEN 0 ELSE ${rateLimits.notBeforeMs} END`,
        windowStartMs: sql`CASE WHEN ${over} THEN ${nowMs} ELSE ${rateLimits.windowStartMs} END`,
        expiresAtMs: sql`CASE WHEN ${over} THEN excluded.expires_at_ms
                         ELSE ${rateLimits.expiresAtMs} END`,
      },
    });
}

/** A query with a row exactly when some rule holds the attempt back (alias `r`, markers `m`). */
function heldBack(rules: readonly AttemptRule[], nowMs: number): SQL {
  const conditions = rules.map((rule) => {
    const parts: SQL[] = [];
    if (rule.limit !== undefined) parts.push(sql`r.count >= ${rule.limit}`);
    if (rule.backoff) parts.push(sql`r.not_before_ms > ${nowMs}`);
    const holds = parts.length > 0 ? sql.join(parts, sql` OR `) : sql`0`;
    const waived = rule.waivedBy
      ? sql` AND NOT EXISTS (SELECT 1 FROM rate_limits AS m
             WHERE m.key = ${rule.waivedBy} AND m.expires_at_ms > ${nowMs})`
      : sql``;
    return sql`(r.key = ${rule.key} AND (${holds})${waived})`;
  });
  return sql`SELECT 1 FROM rate_limits AS r WHERE ${sql.join(conditions, sql` OR `)}`;
}

/** After counting failure n = count + 1: now + base·2^(n − free), capped, once n ≥ free. */
function nextNotBefore(rules: readonly AttemptRule[], nowMs: number): SQL {
  const whens = rules.flatMap(({ key, backoff }) => {
    if (!backoff) return [];
    const { free, baseMs, capMs } = backoff;
    const past = sql`${rateLimits.count} + 1 - ${free}`;
    return [
      sql`WHEN ${key} THEN CASE WHEN ${past} >= 0
          THEN ${nowMs} + MIN(${capMs}, ${baseMs} << MIN(${past}, 30))
          ELSE ${rateLimits.notBeforeMs} END`,
    ];
  });
  return perKey(whens);
}

/** The delay stays only while the failures left after giving one back still exceed the free. */
function liftedNotBefore(rules: readonly AttemptRule[]): SQL {
  const whens = rules.flatMap(({ key, backoff }) =>
    backoff
      ? [
          sql`WHEN ${key} THEN CASE WHEN ${rateLimits.count} - 1 < ${backoff.free}
              THEN 0 ELSE ${rateLimits.notBeforeMs} END`,
        ]
      : [],
  );
  return perKey(whens);
}

function perKey(whens: SQL[]): SQL {
  if (whens.length === 0) return sql`${rateLimits.notBeforeMs}`;
  return sql`CASE ${rateLimits.key} ${sql.join(whens, sql` `)} ELSE ${rateLimits.notBeforeMs} END`;
}

/** How long until every rule that held the attempt back lets it through. */
function retryAfterMs(rules: readonly AttemptRule[], rows: readonly Row[], nowMs: number): number {
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const waits = rules.map((rule) => {
    const row = byKey.get(rule.key);
    const marker = rule.waivedBy ? byKey.get(rule.waivedBy) : undefined;
    if (!row || (marker && marker.expiresAtMs > nowMs)) return 0;
    const locked = rule.limit !== undefined && row.count >= rule.limit;
    const lockWait = locked ? row.expiresAtMs - nowMs : 0;
    const delayWait = rule.backoff ? row.notBeforeMs - nowMs : 0;
    return Math.max(lockWait, delayWait);
  });
  return Math.max(0, ...waits);
}

/** THROTTLED, saying in whole seconds (at least 1) when to try again. */
export function throttled(retryAfterMs: number, nowMs: number): DomainError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new DomainError(
    'THROTTLED',
    `too many failed attempts; try again in ${seconds} seconds`,
    [],
    { retryAfterS: seconds, retryAtMs: nowMs + seconds * 1000 },
  );
}
