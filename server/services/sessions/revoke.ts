/**
 * Ends one of a person's own sessions, found by the id their session list shows. Another
 * user's session, an ended or an expired one is SESSION_NOT_FOUND: nobody learns whether a
 * session id exists elsewhere. Ending the current session also clears its cookie.
 */
import { and, eq, gt, isNull } from 'drizzle-orm';
import { DomainError } from '../../../common/errors.ts';
import { sessions } from '../../../db/schema/index.ts';
import { tokenHash } from '../../auth/sessions.ts';
import type { SessionRequest } from '../users/auth.ts';

export async function revokeSession(
  request: SessionRequest,
  userId: string,
  input: { sessionId: string },
): Promise<{ ok: true; current: boolean }> {
  const { deps } = request;
  const nowMs = deps.clock.nowMs();
  const [ended] = await deps.database.db
    .update(sessions)
    .set({ revokedAtMs: nowMs })
    .where(
      and(
        eq(sessions.publicId, input.sessionId),
        eq(sessions.userId, userId),
        isNull(sessions.revokedAtMs),
        gt(sessions.expiresAtMs, nowMs),
      ),
    )
    .returning({ idHashHex: sessions.idHashHex });
  if (!ended) throw new DomainError('SESSION_NOT_FOUND', `no session ${input.sessionId}`);
  const current =
    request.sessionToken !== null && ended.idHashHex === (await tokenHash(request.sessionToken));
  if (current) request.setSessionCookie(null, 0);
  return { ok: true, current };
}
