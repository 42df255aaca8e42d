/** Voids an unused code, claiming its key so that a racing redemption loses. */
import { and, eq, sql } from 'drizzle-orm';
import { DomainError } from '../../../common/errors.ts';
import { activationCodes, operations } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { requireRole } from '../access.ts';
import { type CodeView } from './listCodes.ts';

/** Voids an unused code: it can never be activated. */
export async function voidCode(
  ctx: ServiceContext,
  input: { codeId: string },
): Promise<CodeView & { replayed: boolean }> {
  requireRole(ctx.actor, ['operator']);
  const db = ctx.database.db;
  const code = await db.query.activationCodes.findFirst({
    where: eq(activationCodes.id, input.codeId),
  });
  if (!code) {
    throw new DomainError('CODE_NOT_FOUND', `no code ${input.codeId}`, [], {
      codeId: input.codeId,
    });
  }
  if (code.status === 'redeemed')
    throw new DomainError('CODE_USED', 'this code has already been used');
  // Claims the code's key without touching any account, so a racing redemption loses.
  const nowMs = ctx.clock.nowMs();
  const key = `activation_code:${code.id}`;
  const request = JSON.stringify(['void']);
  const result = JSON.stringify({ codeId: code.id, voidedAtMs: nowMs });
  await db.batch([
    db
      .insert(operations)
      .values({ key, accountId: '', request, result, createdAtMs: nowMs })
      .onConflictDoNothing(),
    db
      .update(activationCodes)
      .set({ status: 'voided', voidedAtMs: nowMs })
      .where(
        and(
          eq(activationCodes.id, code.id),
          eq(activationCodes.status, 'unused'),
          sql`EXISTS (SELECT 1 FROM operations WHERE key = ${key} AND request = ${request})`,
        ),
      ),
  ]);
  const after = await db.query.activationCodes.findFirst({
    where: eq(activationCodes.id, code.id),
  });
  if (after?.status !== 'voided')
    throw new DomainError('CODE_USED', 'this code has already been used');
  return {
    codeId: after.id,
    hint: after.hint,
    status: after.status,
    accountId: after.accountId,
    // A voided code was never redeemed, so no account holds it.
    accountName: null,
    voucherId: after.voucherId,
    redeemedAtMs: after.redeemedAtMs,
    voidedAtMs: after.voidedAtMs,
    replayed: code.status === 'voided',
  };
}
