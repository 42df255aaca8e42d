/**
 * Browser sessions. Signing in sets an HttpOnly cookie holding a random token; the database
 * keeps only the token's SHA-256, the user, the expiry, and what the user needs to recognise
 * the session in their list (a public id, the sign-in's address and user agent, when it was
 * last used). Each request turns the cookie into an actor carrying the user's memberships.
 *
 * Nothing about a session is cached: every request reads the session, the user and the
 * memberships in one batch (two indexed reads, one round trip). So signing out, signing out
 * everywhere, a password change or reset, and losing a membership take effect at the very
 * next request, in every process and at the edge.
 */
import { and, eq, gt, isNull, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { accounts, memberships, sessions, users } from '../../db/schema/index.ts';
import { base64Url, hex, type AccountRole, type Actor } from './keys.ts';

export const SESSION_COOKIE = 'aw_session';
export const SESSION_TTL_MS = 12 * 3_600_000;
/** `last_seen_at_ms` is written at most this often per session: a write per request is not. */
export const LAST_SEEN_STEP_MS = 5 * 60_000;

export interface Membership {
  readonly accountId: string;
  readonly accountName: string;
  readonly role: AccountRole;
}

export interface SessionUser {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  readonly isOperator: boolean;
  /** After an operator's reset: nothing but changing the password is allowed until then. */
  readonly mustChangePassword: boolean;
  readonly memberships: readonly Membership[];
}

export async function tokenHash(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  return hex(new Uint8Array(digest));
}

export function newSessionToken(): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

export async function loadSessionUser(db: Db, userId: string): Promise<SessionUser | null> {
  const [userRows, memberRows] = await db.batch([
    db.select(USER_COLUMNS).from(users).where(eq(users.id, userId)),
    db
      .select(MEMBERSHIP_COLUMNS)
      .from(memberships)
      .innerJoin(accounts, eq(accounts.id, memberships.accountId))
      .where(eq(memberships.userId, userId)),
  ]);
  const [user] = userRows;
  return user ? { ...user, memberships: memberRows } : null;
}

const USER_COLUMNS = {
  userId: users.id,
  email: users.email,
  name: users.name,
  isOperator: users.isOperator,
  mustChangePassword: users.mustChangePassword,
};

const MEMBERSHIP_COLUMNS = {
  accountId: memberships.accountId,
  role: memberships.role,
  accountName: accounts.name,
};

export function actorOfUser(user: SessionUser): Actor {
  return {
    keyId: `user:${user.userId}`,
    role: user.isOperator ? 'operator' : 'member',
    accountId: null,
    accountRoles: Object.fromEntries(user.memberships.map((m) => [m.accountId, m.role])),
    label: user.email,
    userId: user.userId,
    mustChangePassword: user.mustChangePassword,
  };
}

export class SessionVerifier {
  constructor(
    private readonly db: Db,
    private readonly nowMs: () => number,
  ) {}

  /** The actor of a live session, or null for an unknown, ended or expired one. */
  async verify(token: string): Promise<Actor | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const idHashHex = await tokenHash(token);
    const nowMs = this.nowMs();
    const live = liveSession(idHashHex, nowMs);
    const [found, memberRows] = await this.db.batch([
      this.db
        .select({ ...USER_COLUMNS, lastSeenAtMs: sessions.lastSeenAtMs })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(live),
      this.db
        .select(MEMBERSHIP_COLUMNS)
        .from(sessions)
        .innerJoin(memberships, eq(memberships.userId, sessions.userId))
        .innerJoin(accounts, eq(accounts.id, memberships.accountId))
        .where(live),
    ]);
    const [row] = found;
    if (!row) return null;
    const { lastSeenAtMs, ...user } = row;
    if (nowMs - lastSeenAtMs >= LAST_SEEN_STEP_MS) {
      await this.db
        .update(sessions)
        .set({ lastSeenAtMs: nowMs })
        .where(eq(sessions.idHashHex, idHashHex));
    }
    return actorOfUser({ ...user, memberships: memberRows });
  }
}

/** The session with this token hash, if it is neither ended nor expired. */
export function liveSession(idHashHex: string, nowMs: number): SQL | undefined {
  return and(
    eq(sessions.idHashHex, idHashHex),
    isNull(sessions.revokedAtMs),
    gt(sessions.expiresAtMs, nowMs),
  );
}
