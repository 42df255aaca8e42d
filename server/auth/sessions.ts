/**
 * Browser sessions. Signing in sets an HttpOnly cookie holding a random token; the database
 * keeps only the token's SHA-256, the user and the expiry. Each request turns the cookie
 * into an actor carrying the user's memberships. Verified sessions are cached for a few
 * seconds, like API keys: signing out or losing a membership takes effect within that time.
 */
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { accounts, memberships, sessions, users } from '../../db/schema/index.ts';
import { base64Url, hex, type AccountRole, type Actor } from './keys.ts';

export const SESSION_COOKIE = 'aw_session';
export const SESSION_TTL_MS = 12 * 3_600_000;
const CACHE_TTL_MS = 5_000;
const CACHE_MAX = 10_000;

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
    db.select().from(users).where(eq(users.id, userId)),
    db
      .select({
        accountId: memberships.accountId,
        role: memberships.role,
        accountName: accounts.name,
      })
      .from(memberships)
      .innerJoin(accounts, eq(accounts.id, memberships.accountId))
      .where(eq(memberships.userId, userId)),
  ]);
  const [user] = userRows;
  if (!user) return null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    isOperator: user.isOperator,
    memberships: memberRows,
  };
}

export function actorOfUser(user: SessionUser): Actor {
  return {
    keyId: `user:${user.userId}`,
    role: user.isOperator ? 'operator' : 'member',
    accountId: null,
    accountRoles: Object.fromEntries(user.memberships.map((m) => [m.accountId, m.role])),
    label: user.email,
    userId: user.userId,
  };
}

export class SessionVerifier {
  private readonly cache = new Map<string, { actor: Actor; untilMs: number }>();

  constructor(
    private readonly db: Db,
    private readonly nowMs: () => number,
  ) {}

  async verify(token: string): Promise<Actor | null> {
    const cached = this.cache.get(token);
    if (cached && cached.untilMs > this.nowMs()) return cached.actor;
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const [session] = await this.db
      .select()
      .from(sessions)
      .where(
        and(
          eq(sessions.idHashHex, await tokenHash(token)),
          isNull(sessions.revokedAtMs),
          gt(sessions.expiresAtMs, this.nowMs()),
        ),
      );
    if (!session) return null;
    const user = await loadSessionUser(this.db, session.userId);
    if (!user) return null;
    const actor = actorOfUser(user);
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(token, {
      actor,
      untilMs: Math.min(this.nowMs() + CACHE_TTL_MS, session.expiresAtMs),
    });
    return actor;
  }

  forget(token: string): void {
    this.cache.delete(token);
  }
}
