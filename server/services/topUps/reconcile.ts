/**
 * Reconciling one top-up with its provider: for the payment whose notification never came.
 *
 * Ask first, then act: a payment the provider reports (for exactly the order's amount) is
 * credited by creditTopUp — the same once-only write as the notification, so the two racing
 * credit once; an order past its deadline is closed only when the provider says it was not
 * paid and can no longer be. When the provider cannot be asked, or its answer cannot be
 * trusted, nothing changes and the next run asks again.
 */
import { and, eq } from 'drizzle-orm';
import { parseAmountFen } from '../../../common/money.ts';
import { topUpOrders } from '../../../db/schema/index.ts';
import type { WalletDeps } from '../../context.ts';
import { PaymentProviderUnavailable, type PaymentProvider } from '../../payments/provider.ts';
import { creditTopUp } from './credit.ts';

type TopUpRow = typeof topUpOrders.$inferSelect;

/**
 * - `credited`: the provider reported the payment and this call credited it;
 * - `paid`: already credited (by a notification, or another reconciliation);
 * - `closed`: past its deadline and unpaid, now (or already) closed;
 * - `open`: not paid yet, and still payable;
 * - `unresolved`: the provider could not tell; nothing changed.
 */
export type ReconcileOutcome = 'credited' | 'paid' | 'closed' | 'open' | 'unresolved';

export async function reconcileOrder(
  deps: WalletDeps,
  provider: PaymentProvider,
  order: TopUpRow,
): Promise<ReconcileOutcome> {
  if (order.status === 'paid') return 'paid';
  let state;
  try {
    state = await provider.queryOrder({ orderId: order.id, amountFen: order.amountFen });
  } catch (error) {
    if (!(error instanceof PaymentProviderUnavailable)) throw error;
    console.warn(`[wallet] top-up ${order.id} not reconciled: ${error.message}`);
    return 'unresolved';
  }
  if (state.status === 'paid') {
    const amount = parseAmountFen(state.amount);
    if (!amount.ok || amount.fen !== order.amountFen) {
      console.error(
        `[wallet] top-up ${order.id}: ${provider.displayName} reports a payment of ` +
          `${JSON.stringify(state.amount)}, not the order's amount; left for an operator`,
      );
      return 'unresolved';
    }
    return (await creditTopUp(deps, order, state.providerRef)) ? 'credited' : 'paid';
  }
  const nowMs = deps.clock.nowMs();
  if (order.status === 'closed') return 'closed';
  if (state.status === 'unpaid' && order.expiresAtMs <= nowMs) {
    return (await closeUnpaid(deps, order.id, nowMs)) ? 'closed' : 'paid';
  }
  return 'open';
}

/** Closes a still-pending order; false when it was paid meanwhile (then it stays paid). */
async function closeUnpaid(deps: WalletDeps, orderId: string, nowMs: number): Promise<boolean> {
  const closed = await deps.database.db
    .update(topUpOrders)
    .set({ status: 'closed', closedAtMs: nowMs })
    .where(and(eq(topUpOrders.id, orderId), eq(topUpOrders.status, 'pending')))
    .returning({ id: topUpOrders.id });
  return closed.length > 0;
}
