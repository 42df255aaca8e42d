/**
 * A payment provider's notification: the usual way a top-up is credited.
 *
 * The provider verifies the notification (signature and who it is for, see
 * server/payments/); then it must name an order we issued through that provider, for exactly
 * that order's amount. Any failure credits nothing. Only a completed payment credits; other
 * notifications are acknowledged and ignored. The credit is creditTopUp's, exactly once.
 */
import { eq } from 'drizzle-orm';
import { parseAmountFen } from '../../../common/money.ts';
import { topUpOrders } from '../../../db/schema/index.ts';
import type { WalletDeps } from '../../context.ts';
import type { PaymentProvider } from '../../payments/provider.ts';
import { creditTopUp } from './credit.ts';

export type NoticeOutcome =
  | { readonly ok: true; readonly credited: boolean; readonly orderId: string }
  | { readonly ok: false; readonly reason: string };

export async function receiveNotice(
  deps: WalletDeps,
  provider: PaymentProvider,
  body: string,
): Promise<NoticeOutcome> {
  const check = await provider.verifyNotice(body);
  if (!check.ok) return check;
  const { notice } = check;
  const order =
    notice.orderId === ''
      ? undefined
      : await deps.database.db.query.topUpOrders.findFirst({
          where: eq(topUpOrders.id, notice.orderId),
        });
  if (!order || order.channel !== provider.channel) {
    return { ok: false, reason: provider.labels.order };
  }
  const amount = parseAmountFen(notice.amount);
  if (!amount.ok || amount.fen !== order.amountFen) {
    return { ok: false, reason: provider.labels.amount };
  }
  if (!notice.paid) return { ok: true, credited: false, orderId: order.id };
  const credited = await creditTopUp(deps, order, notice.providerRef);
  return { ok: true, credited, orderId: order.id };
}
