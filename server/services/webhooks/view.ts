/** An endpoint and a delivery as the API shows them; secrets never leave except once. */
import type { EventType } from '../../../common/events.ts';
import type { webhookDeliveries, webhookEndpoints } from '../../../db/schema/index.ts';

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;

export interface WebhookView {
  readonly id: string;
  readonly accountId: string | null;
  readonly url: string;
  readonly description: string;
  readonly eventTypes: EventType[];
  readonly includeCharges: boolean;
  readonly enabled: boolean;
  readonly disabledReason: string | null;
  /** The last four characters of the current secret. */
  readonly secretHint: string;
  /** While a rotated-out secret still signs too. */
  readonly previousValidUntilMs: number | null;
  readonly createdAtMs: number;
}

export function webhookView(row: EndpointRow, nowMs: number): WebhookView {
  return {
    id: row.id,
    accountId: row.accountId,
    url: row.url,
    description: row.description,
    eventTypes: JSON.parse(row.eventTypes) as EventType[],
    includeCharges: row.includeCharges,
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    secretHint: row.secretHint,
    previousValidUntilMs:
      row.previousValidUntilMs !== null && row.previousValidUntilMs > nowMs
        ? row.previousValidUntilMs
        : null,
    createdAtMs: row.createdAtMs,
  };
}

export interface DeliveryView {
  readonly id: string;
  /** The `webhook-id`: the event's, or the batch's for batched charge events. */
  readonly eventId: string;
  readonly eventType: string;
  readonly attempt: number;
  readonly status: 'pending' | 'delivered' | 'failed';
  readonly responseCode: number | null;
  readonly durationMs: number | null;
  readonly error: string | null;
  readonly createdAtMs: number;
  readonly nextAttemptAtMs: number | null;
}

export function deliveryView(row: DeliveryRow): DeliveryView {
  return {
    id: row.id,
    eventId: row.eventId,
    eventType: row.eventType,
    attempt: row.attempt,
    status: row.status,
    responseCode: row.responseCode,
    durationMs: row.durationMs,
    error: row.error,
    createdAtMs: row.createdAtMs,
    nextAttemptAtMs: row.status === 'pending' ? row.nextAttemptAtMs : null,
  };
}
