/**
 * "I have paid — check again": an admin of the order's account (or an operator) asks the
 * provider about one top-up now, rather than wait for the reconciliation job. A paid order is
 * answered as it is, without asking. The provider is asked at most a few times a minute per
 * order, so the button cannot be turned into a flood of calls to the provider.
 */
import { eq } from 'drizzle-orm';
import { DomainError } from '../../../common/errors.ts';
import { topUpOrders } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { requireAccountWrite } from '../access.ts';
import { reserveAttempt } from '../throttle.ts';
import { reconcileOrder } from './reconcile.ts';
import { requireProvider, topUpView, type TopUpView } from './topUps.ts';

const CHECKS_PER_ORDER = 6;
const CHECK_WINDOW_MS = 60_000;

export async function reconcileTopUp(ctx: ServiceContext, orderId: string): Promise<TopUpView> {
  const order = await findOrder(ctx, orderId);
  requireAccountWrite(ctx.actor, order.accountId);
  if (order.status === 'paid') return topUpView(order);
  const provider = await requireProvider(ctx);
  if (provider.channel !== order.channel) {
    throw new DomainError(
      'PAYMENTS_NOT_CONFIGURED',
      `order ${orderId} was paid through ${order.channel}, which this server no longer uses`,
    );
  }
  await reserveAttempt(ctx, [
    { key: `top_up_check:${orderId}`, limit: CHECKS_PER_ORDER, windowMs: CHECK_WINDOW_MS },
  ]);
  const outcome = await reconcileOrder(ctx, provider, order);
  if (outcome === 'unresolved') {
    throw new DomainError(
      'PAYMENT_PROVIDER_UNAVAILABLE',
      `${provider.displayName} could not be asked about order ${orderId}; try again later`,
    );
  }
  return topUpView(await findOrder(ctx, orderId));
}

async function findOrder(ctx: ServiceContext, orderId: string) {
  const row = await ctx.database.db.query.topUpOrders.findFirst({
    where: eq(topUpOrders.id, orderId),
  });
  if (!row) {
    throw new DomainError('TOP_UP_NOT_FOUND', `no top-up order ${orderId}`, [], { orderId });
  }
  return row;
}
