/**
 * Revokes an API key, for good. Who may create a key may revoke it: an account's admin that
 * account's keys, an operator any key. The key fails from the very next request, in every
 * process and at the edge (KeyVerifier reads the revocation on every request). Revoking a
 * revoked key changes nothing and answers as the first time did.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { DomainError } from '../../../common/errors.ts';
import { apiKeys } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { requireAccountWrite, requireRole } from '../access.ts';
import { keyView, type KeyView } from './view.ts';

export async function revokeKey(ctx: ServiceContext, input: { keyId: string }): Promise<KeyView> {
  const db = ctx.database.db;
  const key = await db.query.apiKeys.findFirst({ where: eq(apiKeys.id, input.keyId) });
  if (!key) throw new DomainError('KEY_NOT_FOUND', `no API key ${input.keyId}`);
  if (key.accountId === null) requireRole(ctx.actor, ['operator']);
  else requireAccountWrite(ctx.actor, key.accountId);
  const [revoked] = await db
    .update(apiKeys)
    .set({ revokedAtMs: ctx.clock.nowMs() })
    .where(and(eq(apiKeys.id, key.id), isNull(apiKeys.revokedAtMs)))
    .returning();
  // Nothing changed: it was revoked already, maybe a moment ago by a concurrent call.
  const current = revoked ?? (await db.query.apiKeys.findFirst({ where: eq(apiKeys.id, key.id) }));
  return keyView(current ?? key, ctx.actor);
}
