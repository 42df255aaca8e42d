/** How an API key is shown: never its secret or hash, which nobody can read back. */
import type { apiKeys, ApiKeyRole } from '../../../db/schema/index.ts';
import type { Actor } from '../../auth/keys.ts';

export interface KeyView {
  readonly keyId: string;
  readonly role: ApiKeyRole;
  /** The account of an admin or viewer key; null for operator, partner and metering keys. */
  readonly accountId: string | null;
  readonly label: string;
  readonly createdAtMs: number;
  readonly revokedAtMs: number | null;
  /** Whether this is the key making the request. */
  readonly current: boolean;
}

export function keyView(row: typeof apiKeys.$inferSelect, actor: Actor): KeyView {
  return {
    keyId: row.id,
    role: row.role,
    accountId: row.accountId,
    label: row.label,
    createdAtMs: row.createdAtMs,
    revokedAtMs: row.revokedAtMs,
    current: row.id === actor.keyId,
  };
}
