/**
 * Sends a `webhook.test` event to one endpoint (the settings page's button). It changes no
 * account, so it is no outbox event: it is queued as a delivery of that endpoint alone, and
 * the delivery loop sends it like any other (signed, retried, in the log).
 */
import type { EventOf } from '../../../common/events.ts';
import { webhookDeliveries } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { newId } from '../../ids.ts';
import { managedEndpoint } from './access.ts';
import { deliveryView, type DeliveryView } from './view.ts';

export async function testSend(ctx: ServiceContext, endpointId: string): Promise<DeliveryView> {
  const endpoint = await managedEndpoint(ctx, endpointId);
  const nowMs = ctx.clock.nowMs();
  const event: EventOf<'webhook.test'> = {
    id: newId('evt'),
    type: 'webhook.test',
    accountId: endpoint.accountId,
    createdAtMs: nowMs,
    data: { endpointId: endpoint.id, message: 'A test event from Account Wallet.' },
  };
  const [row] = await ctx.database.db
    .insert(webhookDeliveries)
    .values({
      id: newId('dlv'),
      endpointId: endpoint.id,
      eventId: event.id,
      eventType: event.type,
      body: JSON.stringify(event),
      status: 'pending',
      attempt: 0,
      nextAttemptAtMs: nowMs,
      createdAtMs: nowMs,
    })
    .returning();
  if (!row) throw new Error('delivery not stored');
  return deliveryView(row);
}
