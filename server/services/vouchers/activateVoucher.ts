/**
 * An account admin redeems a code into a regular voucher, once across processes (the rules are
 * in codes.ts).
 */
import { eq } from 'drizzle-orm';
import { CODE_BODY_LENGTH, normalizeCode } from '../../../common/codes.ts';
import { DomainError } from '../../../common/errors.ts';
import { fieldIssue } from '../../../common/issues.ts';
import { addDaysMs } from '../../../common/time.ts';
import { activationBatches, activationCodes } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { requireAccountWrite } from '../access.ts';
import { activationRules } from '../attemptRules.ts';
import { releaseAttempt, reserveAttempt } from '../throttle.ts';
import { creditNewVoucher } from './credit.ts';
import { voucherView, type VoucherView } from './view.ts';
import { type BatchRow, codeSecret, keyedHash } from './codeParts.ts';

export async function activateVoucher(
  ctx: ServiceContext,
  input: { accountId: string; code: string },
): Promise<VoucherView & { replayed: boolean }> {
  requireAccountWrite(ctx.actor, input.accountId);
  const rules = activationRules(ctx.config, input.accountId, ctx.clientAddress);
  await reserveAttempt(ctx, rules);
  const result = await redeem(ctx, input.accountId, input.code);
  await releaseAttempt(ctx, rules);
  return result;
}

async function redeem(
  ctx: ServiceContext,
  accountId: string,
  typed: string,
): Promise<VoucherView & { replayed: boolean }> {
  const normalized = normalizeCode(typed);
  if (!normalized.ok) {
    const issue =
      normalized.problem === 'check'
        ? fieldIssue('code', 'CODE_CHECK_CHARACTER')
        : fieldIssue('code', 'CODE_FORMAT', { length: CODE_BODY_LENGTH + 1 });
    throw new DomainError('CODE_MISTYPED', `code: ${issue.message}`, [issue]);
  }
  const db = ctx.database.db;
  const hash = await keyedHash(await codeSecret(ctx), normalized.code);
  const [found] = await db
    .select({ code: activationCodes, batch: activationBatches })
    .from(activationCodes)
    .innerJoin(activationBatches, eq(activationBatches.id, activationCodes.batchId))
    .where(eq(activationCodes.codeHash, hash));
  if (!found) throw new DomainError('CODE_UNKNOWN', 'no such activation code');
  const { code, batch } = found;
  if (code.status === 'voided') throw new DomainError('CODE_VOIDED', 'this code was voided');
  const nowMs = ctx.clock.nowMs();
  const pastFixedDates = batch.validityKind === 'fixed' && nowMs >= (batch.expiresAtMs ?? 0);
  if (code.status === 'unused' && (nowMs >= batch.codeDeadlineMs || pastFixedDates)) {
    throw new DomainError('CODE_EXPIRED', 'this code can no longer be activated');
  }
  try {
    const outcome = await ctx.writer.submit({
      accountId,
      idempotency: {
        key: `activation_code:${code.id}`,
        request: JSON.stringify(['redeem', accountId]),
      },
      apply: (unit, account) => {
        const voucher = creditNewVoucher(unit, account, {
          type: 'regular',
          amountFen: batch.denominationFen,
          window: batchWindow(batch, unit.nowMs),
          source: 'activation_code',
          sourceRef: code.id,
          reason: 'voucher_activation',
        });
        unit.update({
          kind: 'codeRedeemed',
          id: code.id,
          accountId,
          voucherId: voucher.id,
          redeemedAtMs: unit.nowMs,
        });
        return voucherView(voucher);
      },
    });
    return { ...outcome.result, replayed: outcome.replayed };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'IDEMPOTENCY_CONFLICT') {
      throw new DomainError('CODE_USED', 'this code has already been used');
    }
    throw error;
  }
}

function batchWindow(batch: BatchRow, activatedAtMs: number) {
  if (batch.validityKind === 'days') {
    return {
      validFromMs: activatedAtMs,
      expiresAtMs: addDaysMs(activatedAtMs, batch.validityDays ?? 0),
    };
  }
  return {
    validFromMs: batch.validFromMs ?? activatedAtMs,
    expiresAtMs: batch.expiresAtMs ?? activatedAtMs,
  };
}
