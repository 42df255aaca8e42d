/**
 * API keys: `aw_<id>_<secret>`. The id finds the row; the secret is checked against a salted
 * SHA-256 in constant time. Web Crypto only, so the same code runs on Node and Workers.
 *
 * A key whose secret was verified is remembered for a few seconds, so a hot client's requests
 * do not hash again; but every request still reads the key's `revoked_at_ms` by primary key.
 * A revoked key therefore fails at the very next request, in every process and at the edge,
 * for the price of one indexed read per request (no hashing, no other row).
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { apiKeys, type ApiKeyRole } from '../../db/schema/index.ts';
import { newId } from '../ids.ts';

/** API-key roles, plus `member`: a signed-in user acting through account memberships. */
export type ActorRole = ApiKeyRole | 'member';
export type AccountRole = 'admin' | 'viewer';

export interface Actor {
  /** The API key's id, or `user:<id>` for a signed-in user. */
  readonly keyId: string;
  readonly role: ActorRole;
  /** The account of an account-scoped API key; null otherwise. */
  readonly accountId: string | null;
  /** The accounts this actor belongs to and as what (operators need none). */
  readonly accountRoles: Readonly<Record<string, AccountRole>>;
  readonly label: string;
  readonly userId: string | null;
  /** A person whose password was reset: only changing it is allowed (API keys: never). */
  readonly mustChangePassword?: boolean;
}

const KEY_PATTERN = /^aw_([a-z0-9]{20})_([A-Za-z0-9_-]{43})$/;
const CACHE_TTL_MS = 5_000;
const CACHE_MAX = 10_000;

export interface IssuedKey {
  readonly keyId: string;
  /** The whole key; shown once, never stored. */
  readonly apiKey: string;
}

export function newSecret(): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

/** Builds the row for a new key and the key itself. */
export async function issueKey(
  role: ApiKeyRole,
  accountId: string | null,
  label: string,
  nowMs: number,
  fixedKey?: string,
): Promise<{ row: typeof apiKeys.$inferInsert; issued: IssuedKey }> {
  const parsed = fixedKey ? KEY_PATTERN.exec(fixedKey) : null;
  if (fixedKey && !parsed) {
    throw new Error(
      'WALLET_OPERATOR_KEY must look like ' +
        'aw_<20 lowercase letters or digits>_<43 url-safe characters>',
    );
  }
  const keyId = parsed?.[1] ?? newId('k').slice(2);
  const secret = parsed?.[2] ?? newSecret();
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const row = {
    id: keyId,
    role,
    accountId,
    label,
    saltHex: hex(salt),
    hashHex: await digestHex(salt, secret),
    createdAtMs: nowMs,
  };
  return { row, issued: { keyId, apiKey: `aw_${keyId}_${secret}` } };
}

export class KeyVerifier {
  private readonly cache = new Map<string, { actor: Actor; untilMs: number }>();
  /** Lookups under way: when a cached key expires, its many callers share one lookup. */
  private readonly pending = new Map<string, Promise<Actor | null>>();

  constructor(
    private readonly db: Db,
    private readonly nowMs: () => number,
  ) {}

  /** The actor behind a bearer key, or null for a missing, malformed, wrong or revoked key. */
  async verify(apiKey: string): Promise<Actor | null> {
    const cached = this.cache.get(apiKey);
    if (cached && cached.untilMs > this.nowMs()) return this.unlessRevoked(apiKey, cached.actor);
    const shared = this.pending.get(apiKey);
    // A lookup that began before this request may have read the key before a revocation.
    if (shared) return this.unlessRevoked(apiKey, await shared);
    const lookup = this.lookup(apiKey).finally(() => this.pending.delete(apiKey));
    this.pending.set(apiKey, lookup);
    return lookup;
  }

  private async unlessRevoked(apiKey: string, actor: Actor | null): Promise<Actor | null> {
    if (!actor) return null;
    const [row] = await this.db
      .select({ revokedAtMs: apiKeys.revokedAtMs })
      .from(apiKeys)
      .where(eq(apiKeys.id, actor.keyId));
    if (row && row.revokedAtMs === null) return actor;
    this.cache.delete(apiKey);
    return null;
  }

  private async lookup(apiKey: string): Promise<Actor | null> {
    const match = KEY_PATTERN.exec(apiKey);
    if (!match) return null;
    const [, keyId = '', secret = ''] = match;
    const row = await this.db.query.apiKeys.findFirst({ where: eq(apiKeys.id, keyId) });
    if (!row || row.revokedAtMs !== null) return null;
    const expected = await digestHex(unhex(row.saltHex), secret);
    if (!constantTimeEqual(expected, row.hashHex)) return null;
    const accountRoles: Record<string, AccountRole> =
      row.accountId && (row.role === 'admin' || row.role === 'viewer')
        ? { [row.accountId]: row.role }
        : {};
    const actor: Actor = {
      keyId,
      role: row.role,
      accountId: row.accountId,
      accountRoles,
      label: row.label,
      userId: null,
    };
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(apiKey, { actor, untilMs: this.nowMs() + CACHE_TTL_MS });
    return actor;
  }
}

async function digestHex(salt: Uint8Array, secret: string): Promise<string> {
  const secretBytes = new TextEncoder().encode(secret);
  const input = new Uint8Array(salt.length + secretBytes.length);
  input.set(salt);
  input.set(secretBytes, salt.length);
  return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', input)));
}

export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function unhex(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
