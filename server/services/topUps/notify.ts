/**
 * Alipay's asynchronous notify: the only thing that credits a top-up.
 *
 * Checked in this order, and any failure credits nothing: the RSA2 signature over the sorted
 * parameters with Alipay's public key; our app id; our seller id (when configured); an order
 * number we issued; the exact amount of that order. Only TRADE_SUCCESS and TRADE_FINISHED
 * credit; other statuses are acknowledged and ignored. The credit is the writer command keyed
 * by the order, so however often and however concurrently Alipay repeats the notify, cash
 * arrives once (paying any overdue first). A payment that lands after the order was closed
 * still credits: the money was received.
 */
import { eq } from 'drizzle-orm';
import { parseAmountFen } from '../../../common/money.ts';
import { topUpOrders } from '../../../db/schema/index.ts';
import type { WalletDeps } from '../../context.ts';
import { verifyNotify } from '../../payments/alipay.ts';
import { gatewayOf } from '../../payments/gateway.ts';
import { receiveCash } from '../cash/arrival.ts';

export type NotifyOutcome =
  | { readonly ok: true; readonly credited: boolean; readonly orderId: string }
  | { readonly ok: false; readonly reason: string };

const PAID_STATUSES = new Set(['TRADE_SUCCESS', 'TRADE_FINISHED']);

export async function handleAlipayNotify(
  deps: WalletDeps,
  form: Readonly<Record<string, string>>,
): Promise<NotifyOutcome> {
  const gateway = await gatewayOf(deps);
  if (!(await verifyNotify(form, gateway.keys.alipayPublicKey))) {
    return { ok: false, reason: 'signature' };
  }
  if (form['app_id'] !== gateway.appId) return { ok: false, reason: 'app_id' };
  if (gateway.sellerId && form['seller_id'] !== gateway.sellerId) {
    return { ok: false, reason: 'seller_id' };
  }
  const orderId = form['out_trade_no'] ?? '';
  const order = await deps.database.db.query.topUpOrders.findFirst({
    where: eq(topUpOrders.id, orderId),
  });
  if (!order) return { ok: false, reason: 'out_trade_no' };
  const amount = parseAmountFen(form['total_amount'] ?? '');
  if (!amount.ok || amount.fen !== order.amountFen) return { ok: false, reason: 'total_amount' };
  if (!PAID_STATUSES.has(form['trade_status'] ?? '')) {
    return { ok: true, credited: false, orderId };
  }
  await deps.writer.submit({
    accountId: order.accountId,
    idempotency: { key: `top_up:${order.id}`, request: JSON.stringify([order.amountFen]) },
    apply: (unit, account) => {
      receiveCash(unit, account, {
        amountFen: order.amountFen,
        reason: 'top_up',
        refType: 'top_up',
        refId: order.id,
      });
      unit.also(
        unit.db
          .update(topUpOrders)
          .set({ status: 'paid', paidAtMs: unit.nowMs, tradeNo: form['trade_no'] ?? null })
          .where(eq(topUpOrders.id, order.id)),
      );
      return { orderId: order.id };
    },
  });
  return { ok: true, credited: true, orderId };
}
