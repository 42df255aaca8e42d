/**
 * Sends a delivery again (an admin asks, from the log): it goes back to pending, due now,
 * with the same `webhook-id`, so a receiver that already has it can tell.
 */
import { eq } from 'drizzle-orm';
import { DomainError } from '../../../common/errors.ts';
import { webhookDeliveries } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { managedEndpoint } from './access.ts';
import { deliveryView, type DeliveryView } from './view.ts';

export async function redeliver(ctx: ServiceContext, deliveryId: string): Promise<DeliveryView> {
  const db = ctx.database.db;
  const row = await db.query.webhookDeliveries.findFirst({
    where: eq(webhookDeliveries.id, deliveryId),
  });
  const notFound = () =>
    new DomainError('DELIVERY_NOT_FOUND', `no delivery ${deliveryId}`, [], { deliveryId });
  if (!row) throw notFound();
  await managedEndpoint(ctx, row.endpointId).catch(() => {
    throw notFound();
  });
  const [updated] = await db
    .update(webhookDeliveries)
    .set({ status: 'pending', nextAttemptAtMs: ctx.clock.nowMs(), leaseUntilMs: null })
    .where(eq(webhookDeliveries.id, row.id))
    .returning();
  return deliveryView(updated ?? row);
}
