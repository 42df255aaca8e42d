/**
 * Ending a user's sessions: the statement that signing out everywhere, a password change and
 * an operator's password reset share. A statement rather than a call, so each of them can
 * commit it in one batch with its own change.
 */
import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import { sessions } from '../../../db/schema/index.ts';

/** Ends every live session of `userId`, except the one whose token hash is `keepHashHex`. */
export function endSessionsOf(db: Db, userId: string, nowMs: number, keepHashHex?: string) {
  return db
    .update(sessions)
    .set({ revokedAtMs: nowMs })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAtMs),
        keepHashHex === undefined ? undefined : ne(sessions.idHashHex, keepHashHex),
      ),
    )
    .returning({ publicId: sessions.publicId });
}
