/**
 * Which deliveries one fan-out round plans: the pure part of server/webhooks/fanout.ts.
 * An endpoint receives the events that happen once it exists (docs/RULES.md, "Alerts and
 * events"): an event still waiting for its fan-out when the endpoint was created is not its.
 */
import { describe, expect, it } from 'vitest';
import type { WalletEvent } from '../../common/events.ts';
import type { webhookEndpoints } from '../../db/schema/index.ts';
import { plan } from '../../server/webhooks/fanout.ts';

type EndpointRow = typeof webhookEndpoints.$inferSelect;

const T = Date.UTC(2026, 11, 2, 8);

function endpoint(createdAtMs: number, accountId: string | null = 'acc_1'): EndpointRow {
  return {
    id: `we_${createdAtMs}_${accountId ?? 'global'}`,
    accountId,
    url: 'https://hooks.example.com/wallet',
    description: '',
    eventTypes: JSON.stringify(['bank_transfer.recorded']),
    includeCharges: false,
    enabled: true,
    disabledReason: null,
    secretSealed: 'sealed',
    secretHint: 'abcd',
    previousSecretSealed: null,
    previousValidUntilMs: null,
    createdAtMs,
  };
}

function transfer(id: string, createdAtMs: number): WalletEvent {
  return {
    id,
    type: 'bank_transfer.recorded',
    accountId: 'acc_1',
    createdAtMs,
    data: {},
  } as unknown as WalletEvent;
}

describe('a fan-out round', () => {
  const events = [
    transfer('evt_before', T - 1),
    transfer('evt_same', T),
    transfer('evt_after', T + 1),
  ];

  it.each([
    ['an account endpoint', endpoint(T)],
    ['a global endpoint', endpoint(T, null)],
  ])('gives %s the events from its creation on, none older', (_, target) => {
    const planned = plan(events, [target], T + 10);
    expect(planned.map((d) => d.eventId)).toEqual(['evt_same', 'evt_after']);
  });

  it('gives an endpoint created before them every event it asked for', () => {
    const planned = plan(events, [endpoint(T - 1_000)], T + 10);
    expect(planned.map((d) => d.eventId)).toEqual(['evt_before', 'evt_same', 'evt_after']);
  });
});
