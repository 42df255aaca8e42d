/**
 * An operator issues a regular voucher straight to an account: active at once, its balance
 * credited by a ledger entry. Idempotent on the operator's request id.
 */
import { amountToFen } from '../../../common/money.ts';
import type { ValidityInput } from '../../../common/schemas.ts';
import { resolveValidity } from '../../../common/validity.ts';
import type { ServiceContext } from '../../context.ts';
import { requireRole } from '../access.ts';
import { creditNewVoucher } from './credit.ts';
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
      const row = creditNewVoucher(unit, account, {
        type: 'regular',
        amountFen,
        window: resolveValidity(input.validity, unit.nowMs),
        source: 'operator_issue',
        sourceRef: input.requestId,
        reason: 'voucher_issue',
      });
      return voucherView(row);
    },
  });
  return { ...outcome.result, replayed: outcome.replayed };
}
