/**
 * A person's own sessions, for the "where am I signed in" page: the live ones (neither ended
 * nor expired), newest first, the one making the request marked `current`.
 */
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { sessions } from '../../../db/schema/index.ts';
import { tokenHash } from '../../auth/sessions.ts';
import type { WalletDeps } from '../../context.ts';

export interface SessionView {
  readonly sessionId: string;
  readonly createdAtMs: number;
  /** When it was last used, to within five minutes. */
  readonly lastSeenAtMs: number;
  readonly expiresAtMs: number;
  readonly clientAddress: string;
  readonly userAgent: string;
  readonly current: boolean;
}

/** Sessions last 12 hours; more live at once than this are not listed. */
const MAX_LISTED = 200;

export async function listSessions(
  deps: WalletDeps,
  userId: string,
  sessionToken: string | null,
): Promise<SessionView[]> {
  const nowMs = deps.clock.nowMs();
  const currentHash = sessionToken ? await tokenHash(sessionToken) : null;
  const rows = await deps.database.db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAtMs),
        gt(sessions.expiresAtMs, nowMs),
      ),
    )
    // Sign-ins within one millisecond: the later insert first.
    .orderBy(desc(sessions.createdAtMs), desc(sql`rowid`))
    .limit(MAX_LISTED);
  return rows.map((row) => ({
    sessionId: row.publicId,
    createdAtMs: row.createdAtMs,
    lastSeenAtMs: row.lastSeenAtMs,
    expiresAtMs: row.expiresAtMs,
    clientAddress: row.clientAddress,
    userAgent: row.userAgent,
    current: row.idHashHex === currentHash,
  }));
}
