/**
 * Signing in and out of the web UI. Failed sign-ins are throttled per email and per client
 * address with the same database counters as code activation, so the limit holds across
 * instances. The answer to a wrong email and a wrong password is the same.
 */
import { eq } from 'drizzle-orm';
import { DomainError } from '../../../common/errors.ts';
import { fieldIssue } from '../../../common/issues.ts';
import { sessions, users } from '../../../db/schema/index.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, passwordMatches } from '../../auth/passwords.ts';
import {
  loadSessionUser,
  newSessionToken,
  SESSION_TTL_MS,
  tokenHash,
  type SessionUser,
} from '../../auth/sessions.ts';
import type { WalletDeps } from '../../context.ts';
import { releaseAttempt, reserveAttempt, type Throttle } from '../throttle.ts';
import { normalizeEmail } from './users.ts';

/** What a sign-in request knows besides the deps. */
export interface SessionRequest {
  readonly deps: WalletDeps;
  readonly clientAddress: string;
  readonly sessionToken: string | null;
  readonly setSessionCookie: (token: string | null, maxAgeMs: number) => void;
}

const SIGN_IN_ATTEMPTS = 10;
const SIGN_IN_WINDOW_MS = 15 * 60_000;

export async function signIn(
  request: SessionRequest,
  input: { email: string; password: string },
): Promise<SessionUser> {
  const { deps } = request;
  const email = normalizeEmail(input.email);
  const throttle: Throttle = {
    keys: [`sign_in:email:${email}`, `sign_in:client:${request.clientAddress}`],
    limit: SIGN_IN_ATTEMPTS,
    windowMs: SIGN_IN_WINDOW_MS,
  };
  const throttleCtx = { database: deps.database, clock: deps.clock };
  await reserveAttempt(throttleCtx, throttle);
  const user = await deps.database.db.query.users.findFirst({ where: eq(users.email, email) });
  if (!user || !(await passwordMatches(user, input.password))) {
    throw new DomainError('UNAUTHENTICATED', 'email or password is wrong');
  }
  await releaseAttempt(throttleCtx, throttle);
  const token = newSessionToken();
  const nowMs = deps.clock.nowMs();
  await deps.database.db.insert(sessions).values({
    idHashHex: await tokenHash(token),
    userId: user.id,
    createdAtMs: nowMs,
    expiresAtMs: nowMs + SESSION_TTL_MS,
  });
  request.setSessionCookie(token, SESSION_TTL_MS);
  const sessionUser = await loadSessionUser(deps.database.db, user.id);
  if (!sessionUser) throw new DomainError('UNAUTHENTICATED', 'email or password is wrong');
  return sessionUser;
}

export async function signOut(request: SessionRequest): Promise<{ ok: true }> {
  if (request.sessionToken) {
    await request.deps.database.db
      .update(sessions)
      .set({ revokedAtMs: request.deps.clock.nowMs() })
      .where(eq(sessions.idHashHex, await tokenHash(request.sessionToken)));
    request.deps.sessions.forget(request.sessionToken);
  }
  request.setSessionCookie(null, 0);
  return { ok: true };
}

export async function changePassword(
  deps: WalletDeps,
  userId: string,
  input: { currentPassword: string; newPassword: string },
): Promise<{ ok: true }> {
  const user = await deps.database.db.query.users.findFirst({ where: eq(users.id, userId) });
  if (!user || !(await passwordMatches(user, input.currentPassword))) {
    throw new DomainError('VALIDATION', 'currentPassword: is wrong', [
      fieldIssue('currentPassword', 'PASSWORD_WRONG'),
    ]);
  }
  if (input.newPassword.length < MIN_PASSWORD_LENGTH) {
    const issue = fieldIssue('newPassword', 'TEXT_TOO_SHORT', {
      min: MIN_PASSWORD_LENGTH,
      actual: input.newPassword.length,
    });
    throw new DomainError('VALIDATION', `newPassword: ${issue.message}`, [issue]);
  }
  const hash = await hashPassword(input.newPassword);
  await deps.database.db
    .update(users)
    .set({
      passwordSaltHex: hash.saltHex,
      passwordHashHex: hash.hashHex,
      passwordIterations: hash.iterations,
    })
    .where(eq(users.id, userId));
  return { ok: true };
}
