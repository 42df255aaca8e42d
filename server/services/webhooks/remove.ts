/** Removes an endpoint and its delivery log; nothing more is sent to it. */
import { eq } from 'drizzle-orm';
import { webhookDeliveries, webhookEndpoints } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { managedEndpoint } from './access.ts';

export async function removeWebhook(
  ctx: ServiceContext,
  endpointId: string,
): Promise<{ removed: true }> {
  const endpoint = await managedEndpoint(ctx, endpointId);
  const db = ctx.database.db;
  await db.batch([
    db.delete(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpoint.id)),
    db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id)),
  ]);
  return { removed: true };
}
