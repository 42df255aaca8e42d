/**
 * An operator issues a regular voucher straight to an account: active at once, its balance
 * credited by a ledger entry. Idempotent on the operator's request id.
 */
import { amountToFen } from '../../../common/money.ts';
import type { ValidityInput } from '../../../common/schemas.ts';
import { resolveValidity } from '../../../common/validity.ts';
import { vouchers } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { newId, newVoucherNumber } from '../../ids.ts';
import { requireRole } from '../access.ts';
import { voucherView, type VoucherView } from './view.ts';

export async function issueVoucher(
  ctx: ServiceContext,
  input: { accountId: string; requestId: string; amount: string; validity: ValidityInput },
): Promise<VoucherView & { replayed: boolean }> {
  requireRole(ctx.actor, ['operator']);
  const amountFen = amountToFen(input.amount);
  const outcome = await ctx.writer.submit({
    accountId: input.accountId,
    idempotency: {
      key: `voucher_issue:${input.requestId}`,
      request: JSON.stringify([input.accountId, amountFen, input.validity]),
    },
    apply: (unit, account) => {
      const window = resolveValidity(input.validity, unit.nowMs);
      const row = {
        id: newId('vch'),
        number: newVoucherNumber(),
        accountId: account.id,
        type: 'regular' as const,
        denominationFen: amountFen,
        balanceFen: amountFen,
        status: 'active' as const,
        activatedAtMs: unit.nowMs,
        ...window,
        source: 'operator_issue' as const,
        sourceRef: input.requestId,
        createdAtMs: unit.nowMs,
      };
      account.addVoucher(row);
      unit.insert(vouchers, row);
      unit.ledger({
        accountId: account.id,
        instrument: 'regular_voucher',
        instrumentId: row.id,
        amountFen,
        balanceFenAfter: amountFen,
        reason: 'voucher_issue',
        refType: 'voucher',
        refId: row.id,
      });
      return voucherView(row);
    },
  });
  return { ...outcome.result, replayed: outcome.replayed };
}
