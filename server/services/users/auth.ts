/**
 * Signing in and out of the web UI, and changing one's password.
 *
 * - Failed sign-ins and wrong current passwords are throttled by the rules of
 *   attemptRules.ts, in database counters, so the limits hold across instances.
 * - The answer to a wrong email and a wrong password is the same, and so is the work: an
 *   unknown email runs the same PBKDF2 against a stand-in hash.
 * - A password change ends every other session of the user; the one that changed it stays.
 */
import { eq } from 'drizzle-orm';
import { DomainError } from '../../../common/errors.ts';
import { fieldIssue } from '../../../common/issues.ts';
import { sessions, users } from '../../../db/schema/index.ts';
import {
  hashPassword,
  MIN_PASSWORD_LENGTH,
  passwordMatches,
  verifyAgainstNoUser,
} from '../../auth/passwords.ts';
import {
  loadSessionUser,
  newSessionToken,
  SESSION_TTL_MS,
  tokenHash,
  type SessionUser,
} from '../../auth/sessions.ts';
import type { WalletDeps } from '../../context.ts';
import { newId } from '../../ids.ts';
import { changePasswordRules, knownPair, signInRules } from '../attemptRules.ts';
import { endSessionsOf } from '../sessions/end.ts';
import { releaseAttempt, reserveAttempt } from '../throttle.ts';
import { normalizeEmail } from './users.ts';

/** What a request about sessions knows besides the deps. */
export interface SessionRequest {
  readonly deps: WalletDeps;
  readonly clientAddress: string;
  readonly userAgent: string;
  readonly sessionToken: string | null;
  readonly setSessionCookie: (token: string | null, maxAgeMs: number) => void;
}

/** A user agent is kept for the session list only; longer ones are cut. */
const USER_AGENT_MAX = 256;

export async function signIn(
  request: SessionRequest,
  input: { email: string; password: string },
): Promise<SessionUser> {
  const { deps } = request;
  const email = normalizeEmail(input.email);
  const rules = signInRules(email, request.clientAddress);
  await reserveAttempt(deps, rules);
  const user = await deps.database.db.query.users.findFirst({ where: eq(users.email, email) });
  const matches = user
    ? await passwordMatches(user, input.password)
    : await verifyAgainstNoUser(input.password);
  if (!user || !matches) throw new DomainError('UNAUTHENTICATED', 'email or password is wrong');
  await releaseAttempt(deps, rules, knownPair(email, request.clientAddress));
  await startSession(request, user.id);
  const sessionUser = await loadSessionUser(deps.database.db, user.id);
  if (!sessionUser) throw new DomainError('UNAUTHENTICATED', 'email or password is wrong');
  return sessionUser;
}

async function startSession(request: SessionRequest, userId: string): Promise<void> {
  const { deps } = request;
  const token = newSessionToken();
  const nowMs = deps.clock.nowMs();
  await deps.database.db.insert(sessions).values({
    idHashHex: await tokenHash(token),
    publicId: newId('ses'),
    userId,
    createdAtMs: nowMs,
    expiresAtMs: nowMs + SESSION_TTL_MS,
    lastSeenAtMs: nowMs,
    clientAddress: request.clientAddress,
    userAgent: request.userAgent.slice(0, USER_AGENT_MAX),
  });
  request.setSessionCookie(token, SESSION_TTL_MS);
}

export async function signOut(request: SessionRequest): Promise<{ ok: true }> {
  if (request.sessionToken) {
    await request.deps.database.db
      .update(sessions)
      .set({ revokedAtMs: request.deps.clock.nowMs() })
      .where(eq(sessions.idHashHex, await tokenHash(request.sessionToken)));
  }
  request.setSessionCookie(null, 0);
  return { ok: true };
}

export async function changePassword(
  request: SessionRequest,
  userId: string,
  input: { currentPassword: string; newPassword: string },
): Promise<{ ok: true; endedSessions: number }> {
  const { deps } = request;
  const db = deps.database.db;
  const rules = changePasswordRules(userId, request.clientAddress);
  await reserveAttempt(deps, rules);
  const user = await db.query.users.findFirst({ where: eq(users.id, userId) });
  if (!user || !(await passwordMatches(user, input.currentPassword))) {
    throw new DomainError('VALIDATION', 'currentPassword: is wrong', [
      fieldIssue('currentPassword', 'PASSWORD_WRONG'),
    ]);
  }
  await releaseAttempt(deps, rules);
  checkNewPassword(input);
  const hash = await hashPassword(input.newPassword);
  const keep = request.sessionToken ? await tokenHash(request.sessionToken) : undefined;
  const [, ended] = await db.batch([
    db
      .update(users)
      .set({
        passwordSaltHex: hash.saltHex,
        passwordHashHex: hash.hashHex,
        passwordIterations: hash.iterations,
        mustChangePassword: false,
      })
      .where(eq(users.id, userId)),
    endSessionsOf(db, userId, deps.clock.nowMs(), keep),
  ]);
  return { ok: true, endedSessions: ended.length };
}

function checkNewPassword(input: { currentPassword: string; newPassword: string }): void {
  const issue =
    input.newPassword.length < MIN_PASSWORD_LENGTH
      ? fieldIssue('newPassword', 'TEXT_TOO_SHORT', {
          min: MIN_PASSWORD_LENGTH,
          actual: input.newPassword.length,
        })
      : input.newPassword === input.currentPassword
        ? fieldIssue('newPassword', 'PASSWORD_UNCHANGED')
        : null;
  if (issue) throw new DomainError('VALIDATION', `newPassword: ${issue.message}`, [issue]);
}
