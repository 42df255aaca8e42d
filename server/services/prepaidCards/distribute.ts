/**
 * A partner (card distributor) credits a prepaid card to an account. No cash moves; the
 * partner is recorded on the card. Idempotent on the partner's distribution id.
 * Validity defaults to the configured number of years from now.
 */
import { amountToFen } from '../../../common/money.ts';
import type { ValidityInput } from '../../../common/schemas.ts';
import { addYearsMs } from '../../../common/time.ts';
import { resolveValidity } from '../../../common/validity.ts';
import type { ServiceContext } from '../../context.ts';
import { requireRole } from '../access.ts';
import { creditNewCard } from '../vouchers/credit.ts';
import { cardView, type CardView } from './view.ts';

export async function distributeCard(
  ctx: ServiceContext,
  input: {
    accountId: string;
    distributionId: string;
    amount: string;
    validity?: ValidityInput | undefined;
  },
): Promise<CardView & { replayed: boolean }> {
  requireRole(ctx.actor, ['partner']);
  const amountFen = amountToFen(input.amount);
  const partnerId = ctx.actor.keyId;
  const outcome = await ctx.writer.submit({
    accountId: input.accountId,
    idempotency: {
      key: `card_distribution:${partnerId}:${input.distributionId}`,
      request: JSON.stringify([input.accountId, amountFen, input.validity ?? null]),
    },
    apply: (unit, account) => {
      const window = input.validity
        ? resolveValidity(input.validity, unit.nowMs)
        : {
            validFromMs: unit.nowMs,
            expiresAtMs: addYearsMs(unit.nowMs, ctx.config.cardValidityYears),
          };
      const row = creditNewCard(unit, account, {
        amountFen,
        window,
        source: 'partner',
        partnerId,
        sourceRef: input.distributionId,
        reason: 'card_distribution',
      });
      return cardView(row);
    },
  });
  return { ...outcome.result, replayed: outcome.replayed };
}
