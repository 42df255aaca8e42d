/**
 * Changes an endpoint. Enabling a disabled endpoint clears its reason; its failed deliveries
 * stay failed (redeliver them from the log).
 */
import { eq } from 'drizzle-orm';
import type { EventType } from '../../../common/events.ts';
import { webhookEndpoints } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { managedEndpoint } from './access.ts';
import { checkWebhookUrl } from './url.ts';
import { webhookView, type WebhookView } from './view.ts';

export async function updateWebhook(
  ctx: ServiceContext,
  input: {
    endpointId: string;
    url?: string | undefined;
    description?: string | undefined;
    eventTypes?: readonly EventType[] | undefined;
    includeCharges?: boolean | undefined;
    enabled?: boolean | undefined;
  },
): Promise<WebhookView> {
  const endpoint = await managedEndpoint(ctx, input.endpointId);
  const set: Partial<typeof webhookEndpoints.$inferInsert> = {};
  if (input.url !== undefined) {
    set.url = checkWebhookUrl(input.url, ctx.config.webhooks.allowLoopbackHttp);
  }
  if (input.description !== undefined) set.description = input.description;
  if (input.eventTypes !== undefined)
    set.eventTypes = JSON.stringify([...new Set(input.eventTypes)]);
  if (input.includeCharges !== undefined) set.includeCharges = input.includeCharges;
  if (input.enabled !== undefined) {
    set.enabled = input.enabled;
    if (input.enabled) set.disabledReason = null;
  }
  if (Object.keys(set).length === 0) return webhookView(endpoint, ctx.clock.nowMs());
  const [row] = await ctx.database.db
    .update(webhookEndpoints)
    .set(set)
    .where(eq(webhookEndpoints.id, endpoint.id))
    .returning();
  return webhookView(row ?? endpoint, ctx.clock.nowMs());
}
