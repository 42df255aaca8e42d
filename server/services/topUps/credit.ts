/**
 * Crediting a paid top-up: the one write both the notification and the reconciliation make.
 * It is the writer command keyed `top_up:<order id>`, so however often and however
 * concurrently a payment is reported — repeated notifications, a reconciliation racing a late
 * notification, several server instances — the cash arrives once (paying any overdue first).
 * An order closed before its payment was reported is paid all the same: the money came.
 */
import type { topUpOrders } from '../../../db/schema/index.ts';
import type { WalletDeps } from '../../context.ts';
import { arrivalAmounts, receiveCash } from '../cash/arrival.ts';

type TopUpRow = typeof topUpOrders.$inferSelect;

/** True when this call credited the order; false when it had been credited already. */
export async function creditTopUp(
  deps: Pick<WalletDeps, 'writer'>,
  order: TopUpRow,
  providerRef: string | null,
): Promise<boolean> {
  const outcome = await deps.writer.submit({
    accountId: order.accountId,
    idempotency: { key: `top_up:${order.id}`, request: JSON.stringify([order.amountFen]) },
    apply: (unit, account) => {
      const split = receiveCash(unit, account, {
        amountFen: order.amountFen,
        reason: 'top_up',
        refType: 'top_up',
        refId: order.id,
      });
      unit.emit('top_up.credited', account.id, {
        topUpId: order.id,
        ...arrivalAmounts(order.amountFen, split, account),
      });
      unit.update({
        kind: 'topUpPaid',
        id: order.id,
        paidAtMs: unit.nowMs,
        tradeNo: providerRef,
      });
      return { orderId: order.id };
    },
  });
  return !outcome.replayed;
}
