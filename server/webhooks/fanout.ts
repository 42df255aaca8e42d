/**
 * Fan-out: events committed to the outbox become deliveries of the endpoints that want them.
 *
 * One process at a time (a lease), in commit order, a small batch per round, off the write
 * path (the read connection). The deliveries of a batch and the mark that its events are
 * dispatched commit together, so a crash in between repeats the round whole, and the unique
 * (endpoint, webhook-id) makes a repeated delivery row a no-op anyway.
 *
 * An account's endpoint receives that account's events; a global endpoint every account's.
 * An endpoint receives the events that happen once it exists, never older ones still waiting
 * for their fan-out when it was created (docs/RULES.md, "Webhooks").
 * `charge.settled` goes only to endpoints that opted in, batched: the charges of one round
 * for one endpoint travel in POSTs of up to CHARGE_BATCH events (body: common/events.ts
 * `ChargeBatch`), whose `webhook-id` is derived from the first charge event's id.
 */
import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import type { ChargeBatch, EventOf, WalletEvent } from '../../common/events.ts';
import { events, webhookDeliveries, webhookEndpoints } from '../../db/schema/index.ts';
import type { WalletDeps } from '../context.ts';
import { newId } from '../ids.ts';
import { holdLease } from './lease.ts';
import { settled } from './quiet.ts';

export const EVENTS_PER_ROUND = 200;
export const CHARGE_BATCH = 100;

type EndpointRow = typeof webhookEndpoints.$inferSelect;
type DeliveryInsert = typeof webhookDeliveries.$inferInsert;

/** Fans out one round; returns how many events it dispatched (0: nothing to do, or not ours). */
export async function fanOut(deps: WalletDeps, owner: string): Promise<number> {
  const db = deps.database.db;
  // Read first (WAL reads never wait): most rounds find nothing and write nothing.
  const [pending] = await db
    .select({ seq: events.seq })
    .from(events)
    .where(isNull(events.dispatchedAtMs))
    .limit(1);
  if (!pending) return 0;
  await settled(deps);
  const nowMs = deps.clock.nowMs();
  if (!(await holdLease(db, 'webhook_fanout', owner, nowMs, 30_000))) return 0;
  const rows = await db
    .select()
    .from(events)
    .where(isNull(events.dispatchedAtMs))
    .orderBy(asc(events.seq))
    .limit(EVENTS_PER_ROUND);
  if (rows.length === 0) return 0;
  const endpoints = await db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.enabled, true));
  const deliveries = plan(rows.map(toEvent), endpoints, nowMs);
  const statements = [
    // Ten rows per statement: D1 binds at most 100 parameters.
    ...chunked(deliveries, 10).map((part) =>
      db.insert(webhookDeliveries).values(part).onConflictDoNothing(),
    ),
    db
      .update(events)
      .set({ dispatchedAtMs: nowMs })
      // Exactly the rows read: seq grows with commit order, and this process holds the lease.
      .where(and(isNull(events.dispatchedAtMs), lte(events.seq, rows.at(-1)?.seq ?? 0))),
  ];
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
  return rows.length;
}

function toEvent(row: typeof events.$inferSelect): WalletEvent {
  return {
    id: row.id,
    type: row.type,
    accountId: row.accountId,
    createdAtMs: row.createdAtMs,
    data: JSON.parse(row.data),
  } as WalletEvent;
}

/** The deliveries of a round: one per event and endpoint, charges batched per endpoint. */
export function plan(
  list: readonly WalletEvent[],
  endpoints: readonly EndpointRow[],
  nowMs: number,
): DeliveryInsert[] {
  const deliveries: DeliveryInsert[] = [];
  for (const endpoint of endpoints) {
    const types = new Set(JSON.parse(endpoint.eventTypes) as string[]);
    const mine = list.filter(
      (event) =>
        (endpoint.accountId === null || event.accountId === endpoint.accountId) &&
        event.createdAtMs >= endpoint.createdAtMs,
    );
    for (const event of mine) {
      if (event.type === 'charge.settled' || !types.has(event.type)) continue;
      deliveries.push(delivery(endpoint, event.id, event.type, JSON.stringify(event), nowMs));
    }
    if (!endpoint.includeCharges) continue;
    const charges = mine.filter(
      (event): event is EventOf<'charge.settled'> => event.type === 'charge.settled',
    );
    for (let i = 0; i < charges.length; i += CHARGE_BATCH) {
      const part = charges.slice(i, i + CHARGE_BATCH);
      const batch: ChargeBatch = {
        id: `evb_${part[0]?.id.slice(4) ?? newId('x')}`,
        type: 'charge.settled.batch',
        accountId: endpoint.accountId,
        createdAtMs: nowMs,
        events: part,
      };
      deliveries.push(delivery(endpoint, batch.id, batch.type, JSON.stringify(batch), nowMs));
    }
  }
  return deliveries;
}

function delivery(
  endpoint: EndpointRow,
  eventId: string,
  eventType: string,
  body: string,
  nowMs: number,
): DeliveryInsert {
  return {
    id: newId('dlv'),
    endpointId: endpoint.id,
    eventId,
    eventType,
    body,
    status: 'pending',
    attempt: 0,
    nextAttemptAtMs: nowMs,
    createdAtMs: nowMs,
  };
}

function chunked<T>(rows: readonly T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < rows.length; i += size) parts.push(rows.slice(i, i + size));
  return parts;
}
