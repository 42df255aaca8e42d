/** Ends every session of the signed-in person, this one included, and clears its cookie. */
import { endSessionsOf } from './end.ts';
import type { SessionRequest } from '../users/auth.ts';

export async function signOutEverywhere(
  request: SessionRequest,
  userId: string,
): Promise<{ ok: true; endedSessions: number }> {
  const { deps } = request;
  const ended = await endSessionsOf(deps.database.db, userId, deps.clock.nowMs());
  request.setSessionCookie(null, 0);
  return { ok: true, endedSessions: ended.length };
}
