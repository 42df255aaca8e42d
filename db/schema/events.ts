/**
 * Events, in-app notifications and webhooks (docs/decisions/011-webhooks-outbox.md).
 *
 * `events` is the transactional outbox: the writer inserts an event in the same commit as the
 * change that causes it, so an event exists if and only if its change committed. The delivery
 * loop reads events not yet dispatched (in `seq` order, which is commit order), fans each out
 * to the endpoints that want it as `webhook_deliveries` rows, and POSTs those with retries.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts.ts';

export const events = sqliteTable(
  'events',
  {
    /** Commit order: SQLite serialises writers, so a later commit gets a larger seq. */
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    /** `evt_…`; the `webhook-id` the event is delivered with. */
    id: text('id').notNull(),
    type: text('type').notNull(),
    accountId: text('account_id'),
    /** The payload as JSON (common/events.ts): decimal-string amounts, epoch-ms times. */
    data: text('data').notNull(),
    createdAtMs: integer('created_at_ms').notNull(),
    /** Set once the event has been fanned out into deliveries. */
    dispatchedAtMs: integer('dispatched_at_ms'),
  },
  (t) => [
    uniqueIndex('events_id').on(t.id),
    index('events_undispatched')
      .on(t.seq)
      .where(sql`${t.dispatchedAtMs} IS NULL`),
    index('events_account').on(t.accountId, t.seq),
  ],
);

export const notifications = sqliteTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    /** The alert rule that fired, or the event type it tells of (webhook.endpoint_disabled). */
    kind: text('kind').notNull(),
    /** The event this notification came with. */
    eventId: text('event_id').notNull(),
    /** The words' parameters (the alert.fired or event payload), as JSON. */
    data: text('data').notNull(),
    createdAtMs: integer('created_at_ms').notNull(),
    readAtMs: integer('read_at_ms'),
  },
  (t) => [
    index('notifications_account').on(t.accountId, t.createdAtMs, t.id),
    index('notifications_unread')
      .on(t.accountId)
      .where(sql`${t.readAtMs} IS NULL`),
  ],
);

export const webhookEndpoints = sqliteTable(
  'webhook_endpoints',
  {
    id: text('id').primaryKey(),
    /** Null for a global endpoint (operators'), which receives every account's events. */
    accountId: text('account_id').references(() => accounts.id),
    url: text('url').notNull(),
    description: text('description').notNull().default(''),
    /** JSON array of event types (common/events.ts). */
    eventTypes: text('event_types').notNull(),
    includeCharges: integer('include_charges', { mode: 'boolean' }).notNull().default(false),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    disabledReason: text('disabled_reason'),
    /** The signing secret, sealed with the server's webhook key (server/webhooks/secrets.ts). */
    secretSealed: text('secret_sealed').notNull(),
    secretHint: text('secret_hint').notNull(),
    /** The secret before the last rotation, still signing until `previousValidUntilMs`. */
    previousSecretSealed: text('previous_secret_sealed'),
    previousValidUntilMs: integer('previous_valid_until_ms'),
    createdAtMs: integer('created_at_ms').notNull(),
  },
  (t) => [index('webhook_endpoints_account').on(t.accountId)],
);

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    endpointId: text('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    /** The `webhook-id`: the event's id, or the batch's for batched charge events. */
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    /** The exact JSON body that is signed and POSTed. */
    body: text('body').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('pending'),
    /** Attempts made so far. */
    attempt: integer('attempt').notNull().default(0),
    nextAttemptAtMs: integer('next_attempt_at_ms'),
    /** A process delivering the row holds it until then (so two do not POST it at once). */
    leaseUntilMs: integer('lease_until_ms'),
    responseCode: integer('response_code'),
    durationMs: integer('duration_ms'),
    error: text('error'),
    createdAtMs: integer('created_at_ms').notNull(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_endpoint_event').on(t.endpointId, t.eventId),
    index('webhook_deliveries_due')
      .on(t.nextAttemptAtMs)
      .where(sql`${t.status} = 'pending'`),
    index('webhook_deliveries_endpoint').on(t.endpointId, t.createdAtMs, t.id),
    check('webhook_deliveries_status', sql`${t.status} IN ('pending', 'delivered', 'failed')`),
  ],
);

/** Named leases: the fan-out is done by one process at a time. */
export const leases = sqliteTable('leases', {
  name: text('name').primaryKey(),
  owner: text('owner').notNull(),
  untilMs: integer('until_ms').notNull(),
});
