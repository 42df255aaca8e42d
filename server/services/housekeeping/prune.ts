/**
 * Deletes what nobody needs any more: sessions past their expiry (ended or not) and
 * throttling rows past theirs. Nothing else, ever: idempotency records, the ledger and every
 * other money row are kept for good. Runs with the expiry job — on the Node timer, from
 * `npm run expire` and from the edge cron — and does bounded work per run: chunks of
 * CHUNK rows by primary key, at most MAX_CHUNKS per table; what is left waits for the next
 * run. Deleting an expired row changes no answer: expired sessions and windows are ignored
 * by every read already.
 */
import { inArray, lte } from 'drizzle-orm';
import { rateLimits, sessions } from '../../../db/schema/index.ts';
import type { WalletDeps } from '../../context.ts';

export interface PruneReport {
  readonly sessions: number;
  readonly rateLimits: number;
}

/** The ids come from a subquery, so a chunk binds two parameters whatever its size. */
const CHUNK = 500;
const MAX_CHUNKS = 20;

export async function prune(deps: Pick<WalletDeps, 'database' | 'clock'>): Promise<PruneReport> {
  const nowMs = deps.clock.nowMs();
  const db = deps.database.db;
  const expiredSessions = () =>
    db
      .delete(sessions)
      .where(
        inArray(
          sessions.idHashHex,
          db
            .select({ id: sessions.idHashHex })
            .from(sessions)
            .where(lte(sessions.expiresAtMs, nowMs))
            .limit(CHUNK),
        ),
      )
      .returning({ id: sessions.idHashHex });
  const expiredRateLimits = () =>
    db
      .delete(rateLimits)
      .where(
        inArray(
          rateLimits.key,
          db
            .select({ key: rateLimits.key })
            .from(rateLimits)
            .where(lte(rateLimits.expiresAtMs, nowMs))
            .limit(CHUNK),
        ),
      )
      .returning({ key: rateLimits.key });
  return {
    sessions: await inChunks(expiredSessions),
    rateLimits: await inChunks(expiredRateLimits),
  };
}

async function inChunks(deleteChunk: () => Promise<unknown[]>): Promise<number> {
  let deleted = 0;
  for (let chunk = 0; chunk < MAX_CHUNKS; chunk++) {
    const rows = await deleteChunk();
    deleted += rows.length;
    if (rows.length < CHUNK) break;
  }
  return deleted;
}
