/**
 * Webhooks end to end: a real server process, a real receiver on an ephemeral port verifying
 * every delivery with `standardwebhooks`, events written to the outbox by the money changes
 * themselves.
 */
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WalletEvent } from '../../common/events.ts';
import {
  chargeInput,
  expectCleanAudit,
  fundCash,
  newFixture,
  uid,
  type Fixture,
} from '../helpers/factories.ts';
import { eventually, startReceiver, verifies, type Receiver } from '../helpers/receiver.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
const receivers: Receiver[] = [];

beforeAll(async () => {
  server = await startServer({
    env: {
      WALLET_WEBHOOK_INTERVAL_MS: '50',
      WALLET_WEBHOOK_RETRY_BASE_MS: '100',
      // Long enough for five failures in a row (≈3 s), short enough to give up in a test.
      WALLET_WEBHOOK_RETRY_FOR_MS: '8000',
      WALLET_WEBHOOK_TIMEOUT_MS: '2000',
    },
  });
});
afterAll(async () => {
  await server.stop();
  await Promise.all(receivers.map((r) => r.close()));
});
afterEach(async () => {
  await expectCleanAudit(server);
});

async function receiver(): Promise<Receiver> {
  const r = await startReceiver();
  receivers.push(r);
  return r;
}

/** An endpoint of the fixture's account on a fresh receiver that knows its secret. */
async function endpointFor(
  f: Fixture,
  eventTypes: WalletEvent['type'][],
  options: { includeCharges?: boolean } = {},
) {
  const r = await receiver();
  const created = await f.admin.webhooks.create.mutate({
    accountId: f.accountId,
    url: r.url,
    eventTypes: eventTypes as never,
    includeCharges: options.includeCharges ?? false,
  });
  r.secrets = [created.secret];
  return { receiver: r, endpoint: created.endpoint, secret: created.secret };
}

function bodies(r: Receiver): WalletEvent[] {
  return [...r.accepted().values()] as WalletEvent[];
}

function typesOf(r: Receiver): string[] {
  return [...new Set(bodies(r).map((event) => event.type))].sort();
}

describe('webhook delivery', () => {
  it('delivers every event an account causes, signed, to its endpoint and to global ones', async () => {
    const f = await newFixture(server);
    const all = [
      'bank_transfer.recorded',
      'account.overdue',
      'account.overdue_cleared',
      'voucher.issued',
      'card.purchased',
      'order.paid',
      'invoice.requested',
      'invoice.issued',
      'invoice.rejected',
      'alert.fired',
    ] as const;
    const { receiver: mine, secret } = await endpointFor(f, [...all]);
    const global = await receiver();
    const created = await server.operator.webhooks.create.mutate({
      url: global.url,
      eventTypes: ['invoice.issued'],
      includeCharges: false,
    });
    global.secrets = [created.secret];
    expect(secret).toMatch(/^whsec_/);
    await f.admin.alerts.setRules.mutate({
      accountId: f.accountId,
      rules: [{ rule: 'invoice_issued', enabled: true }],
    });

    await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '80.00'));
    await fundCash(server, f.remittanceRef, '2000.00');
    await server.operator.vouchers.issue.mutate({
      accountId: f.accountId,
      requestId: uid('issue'),
      amount: '80.00',
      validity: { kind: 'days', days: 30 },
    });
    await f.admin.prepaidCards.purchase.mutate({
      accountId: f.accountId,
      requestId: uid('buy'),
      denomination: '500.00',
      quantity: 2,
    });
    const order = await server.operator.orders.create.mutate({
      accountId: f.accountId,
      requestId: uid('order'),
      product: 'Observability Pro package',
      amount: '100.00',
    });
    await f.admin.orders.checkout.mutate({ orderId: order.orderId, useCards: false });
    const invoice = (amount: string) => ({
      accountId: f.accountId,
      requestId: uid('inv'),
      title: 'Acme Information Technology Ltd',
      taxId: '91310000MA1FL0XY2K',
      amount,
      email: 'billing@acme.example',
      type: 'general' as const,
    });
    const issued = await f.admin.invoices.request.mutate(invoice('50.00'));
    await server.operator.invoices.issue.mutate({
      invoiceId: issued.invoiceId,
      invoiceNumber: uid('FP'),
    });
    const rejected = await f.admin.invoices.request.mutate(invoice('10.00'));
    await server.operator.invoices.reject.mutate({
      invoiceId: rejected.invoiceId,
      reason: 'wrong title',
    });

    await eventually(() => expect(typesOf(mine)).toEqual([...all].sort()));
    expect(mine.received.every((r) => r.verified)).toBe(true);
    const events = bodies(mine);
    const transfer = events.find((e) => e.type === 'bank_transfer.recorded');
    expect(transfer).toMatchObject({
      accountId: f.accountId,
      data: { amount: '2000.00', overduePaid: '80.00', cashCredited: '1920.00' },
    });
    expect(events.filter((e) => e.type === 'card.purchased')).toHaveLength(2);
    expect(events.find((e) => e.type === 'alert.fired')).toMatchObject({
      data: { rule: 'invoice_issued', value: '50.00', subject: { invoiceId: issued.invoiceId } },
    });
    // The webhook-id is the event's id.
    for (const r of mine.received) expect(JSON.parse(r.body).id).toBe(r.id);
    // The global endpoint gets this account's issued invoice too (and only what it asked for).
    await eventually(() => expect(typesOf(global)).toContain('invoice.issued'));
    expect(
      bodies(global).some((e) => e.type === 'invoice.issued' && e.accountId === f.accountId),
    ).toBe(true);
    expect(global.received.every((r) => r.verified)).toBe(true);
    expect(new Set(bodies(global).map((e) => e.type))).toEqual(new Set(['invoice.issued']));
  });

  it('sends charge events only to endpoints that opted in, batched', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '100.00');
    const off = await endpointFor(f, ['bank_transfer.recorded']);
    const on = await endpointFor(f, ['bank_transfer.recorded'], { includeCharges: true });
    const charges = Array.from({ length: 30 }, () => chargeInput(f.workspaceId, '1.00'));
    await f.metering.charges.settleBatch.mutate({ charges });
    await fundCash(server, f.remittanceRef, '1.00');

    await eventually(() => {
      const batches = bodies(on.receiver).filter(
        (b) => (b.type as string) === 'charge.settled.batch',
      );
      const settled = batches.flatMap((b) => (b as unknown as { events: WalletEvent[] }).events);
      expect(settled.map((e) => (e.data as { chargeId: string }).chargeId).sort()).toEqual(
        charges.map((c) => c.chargeId).sort(),
      );
      // Fewer POSTs than charges: batched.
      expect(batches.length).toBeLessThan(charges.length);
      expect(settled[0]).toMatchObject({ type: 'charge.settled', data: { amount: '1.00' } });
    });
    await eventually(() => expect(typesOf(off.receiver)).toEqual(['bank_transfer.recorded']));
    expect(bodies(off.receiver).filter((e) => e.type === 'bank_transfer.recorded')).toHaveLength(1);
    expect(on.receiver.received.every((r) => r.verified)).toBe(true);
  });

  it('retries a failing receiver with backoff until it takes the event, then stops', async () => {
    const f = await newFixture(server);
    const { receiver: r, endpoint } = await endpointFor(f, ['bank_transfer.recorded']);
    r.respond = ({ count }) => (count <= 5 ? 500 : 204);
    await fundCash(server, f.remittanceRef, '10.00');

    await eventually(() => expect(r.received.some((x) => x.status === 204)).toBe(true));
    const ids = new Set(r.received.map((x) => x.id));
    expect(ids.size).toBe(1);
    expect(r.received.map((x) => x.status)).toEqual([500, 500, 500, 500, 500, 204]);
    expect(r.received.every((x) => x.verified)).toBe(true);
    expect(r.accepted().size).toBe(1);
    // Spread out: each wait at least half the doubled base (100, 200, 400… ms).
    const times = r.received.map((x) => Number(x.timestamp));
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(1);
    const log = await f.admin.webhooks.deliveries.query({ endpointId: endpoint.id });
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({
      eventType: 'bank_transfer.recorded',
      status: 'delivered',
      attempt: 6,
      responseCode: 204,
      nextAttemptAtMs: null,
      error: null,
    });
  });

  it('refuses a tampered body, a tampered signature and a stale timestamp', async () => {
    const f = await newFixture(server);
    const { receiver: r, secret } = await endpointFor(f, ['bank_transfer.recorded']);
    await fundCash(server, f.remittanceRef, '10.00');
    const [delivery] = await eventually(() => {
      expect(r.received.length).toBeGreaterThan(0);
      return r.received;
    });
    if (!delivery) throw new Error('no delivery');
    expect(verifies(secret, delivery.body, delivery.headers)).toBe(true);
    expect(verifies(secret, delivery.body.replace('10.00', '99.00'), delivery.headers)).toBe(false);
    const signature = delivery.signature.replace(
      /,(.)/,
      (_, c: string) => `,${c === 'A' ? 'B' : 'A'}`,
    );
    expect(
      verifies(secret, delivery.body, { ...delivery.headers, 'webhook-signature': signature }),
    ).toBe(false);
    // Signed correctly, but ten minutes ago: outside the verifier's five-minute tolerance.
    const old = new Date(Date.now() - 10 * 60_000);
    const stale = {
      'webhook-id': delivery.id,
      'webhook-timestamp': String(Math.floor(old.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(delivery.id, old, delivery.body),
    };
    expect(() => new Webhook(secret).verify(delivery.body, stale)).toThrow(/timestamp/i);
    expect(
      verifies('whsec_' + Buffer.alloc(24, 1).toString('base64'), delivery.body, delivery.headers),
    ).toBe(false);
  });

  it('signs with both secrets during a rotation overlap, then with the new one alone', async () => {
    const f = await newFixture(server);
    const {
      receiver: r,
      endpoint,
      secret: first,
    } = await endpointFor(f, ['bank_transfer.recorded']);
    const rotated = await f.admin.webhooks.rotateSecret.mutate({
      endpointId: endpoint.id,
      overlapHours: 2,
    });
    expect(rotated.secret).not.toBe(first);
    expect(rotated.previousValidUntilMs).toBeGreaterThan(Date.now());
    r.secrets = [rotated.secret];
    await fundCash(server, f.remittanceRef, '10.00');
    const [during] = await eventually(() => {
      expect(r.received).toHaveLength(1);
      return r.received;
    });
    if (!during) throw new Error('no delivery');
    expect(during.signature.split(' ')).toHaveLength(2);
    expect(verifies(first, during.body, during.headers)).toBe(true);
    expect(verifies(rotated.secret, during.body, during.headers)).toBe(true);

    const again = await f.admin.webhooks.rotateSecret.mutate({
      endpointId: endpoint.id,
      overlapHours: 0,
    });
    expect(again.previousValidUntilMs).toBeNull();
    r.secrets = [again.secret];
    await fundCash(server, f.remittanceRef, '10.00');
    const after = await eventually(() => {
      expect(r.received).toHaveLength(2);
      return r.received[1]!;
    });
    expect(after.signature.split(' ')).toHaveLength(1);
    expect(verifies(again.secret, after.body, after.headers)).toBe(true);
    expect(verifies(rotated.secret, after.body, after.headers)).toBe(false);
    const [listed] = (await f.admin.webhooks.list.query({ accountId: f.accountId })).items;
    expect(listed?.secretHint).toBe(again.secret.slice(-4));
  });

  it('disables an endpoint that fails for the whole retry period and tells the admin', async () => {
    const f = await newFixture(server);
    const failing = await endpointFor(f, ['bank_transfer.recorded']);
    failing.receiver.respond = () => 503;
    const watcher = await endpointFor(f, ['webhook.endpoint_disabled']);
    await fundCash(server, f.remittanceRef, '10.00');

    const disabled = await eventually(async () => {
      const { items } = await f.admin.webhooks.list.query({ accountId: f.accountId });
      const row = items.find((e) => e.id === failing.endpoint.id);
      expect(row).toMatchObject({ enabled: false, disabledReason: 'failing' });
      return row;
    }, 60_000);
    expect(disabled?.url).toBe(failing.receiver.url);
    const attempts = failing.receiver.received.length;
    expect(attempts).toBeGreaterThan(3);
    const log = await f.admin.webhooks.deliveries.query({ endpointId: failing.endpoint.id });
    expect(log.items[0]).toMatchObject({
      status: 'failed',
      responseCode: 503,
      nextAttemptAtMs: null,
    });
    const notes = await f.admin.notifications.list.query({ accountId: f.accountId });
    expect(notes.items).toEqual([
      expect.objectContaining({
        kind: 'webhook.endpoint_disabled',
        readAtMs: null,
        data: expect.objectContaining({ endpointId: failing.endpoint.id }),
      }),
    ]);
    await expect(
      f.admin.notifications.unreadCount.query({ accountId: f.accountId }),
    ).resolves.toEqual({ count: 1 });
    await eventually(() =>
      expect(bodies(watcher.receiver)).toEqual([
        expect.objectContaining({
          type: 'webhook.endpoint_disabled',
          data: expect.objectContaining({ endpointId: failing.endpoint.id }),
        }),
      ]),
    );

    // Enabled again, a redelivery from the log goes through.
    failing.receiver.respond = () => 204;
    await f.admin.webhooks.update.mutate({ endpointId: failing.endpoint.id, enabled: true });
    const failed = log.items[0]!;
    await f.admin.webhooks.redeliver.mutate({ deliveryId: failed.id });
    await eventually(() => expect(failing.receiver.accepted().has(failed.eventId)).toBe(true));
  });

  it('sends a test event to one endpoint and keeps it in the log', async () => {
    const f = await newFixture(server);
    const { receiver: r, endpoint } = await endpointFor(f, ['bank_transfer.recorded']);
    const other = await endpointFor(f, ['bank_transfer.recorded']);
    const sent = await f.admin.webhooks.testSend.mutate({ endpointId: endpoint.id });
    await eventually(() => expect(typesOf(r)).toEqual(['webhook.test']));
    expect(bodies(r)[0]).toMatchObject({ id: sent.eventId, data: { endpointId: endpoint.id } });
    await eventually(async () => {
      const log = await f.admin.webhooks.deliveries.query({ endpointId: endpoint.id });
      expect(log.items[0]).toMatchObject({ status: 'delivered', responseCode: 204, attempt: 1 });
    });
    expect(other.receiver.received).toEqual([]);
  });
});

describe('who may manage webhooks', () => {
  it('is the account admin or an operator; viewers and other accounts see nothing', async () => {
    const f = await newFixture(server);
    const g = await newFixture(server);
    const r = await receiver();
    const { endpoint } = await f.admin.webhooks.create.mutate({
      accountId: f.accountId,
      url: r.url,
      eventTypes: ['bank_transfer.recorded'],
      includeCharges: false,
    });
    expect(endpoint).toMatchObject({
      accountId: f.accountId,
      enabled: true,
      includeCharges: false,
    });
    const viewerKey = await server.operator.accounts.createApiKey.mutate({
      accountId: f.accountId,
      role: 'viewer',
      label: 'viewer',
    });
    const viewer = server.client(viewerKey.apiKey);
    const forbidden = { data: { domainCode: 'FORBIDDEN' } };
    const notFound = { data: { domainCode: 'WEBHOOK_NOT_FOUND' } };
    await expect(viewer.webhooks.list.query({ accountId: f.accountId })).rejects.toMatchObject(
      forbidden,
    );
    await expect(
      viewer.webhooks.create.mutate({
        accountId: f.accountId,
        url: r.url,
        eventTypes: [],
        includeCharges: false,
      }),
    ).rejects.toMatchObject(forbidden);
    await expect(viewer.webhooks.remove.mutate({ endpointId: endpoint.id })).rejects.toMatchObject(
      notFound,
    );
    await expect(g.admin.webhooks.list.query({ accountId: f.accountId })).rejects.toMatchObject(
      forbidden,
    );
    await expect(
      g.admin.webhooks.deliveries.query({ endpointId: endpoint.id }),
    ).rejects.toMatchObject(notFound);
    await expect(
      g.admin.webhooks.rotateSecret.mutate({ endpointId: endpoint.id }),
    ).rejects.toMatchObject(notFound);
    await expect(g.admin.webhooks.list.query({ accountId: g.accountId })).resolves.toEqual({
      items: [],
    });
    // Global endpoints are the operators'.
    await expect(f.admin.webhooks.list.query({})).rejects.toMatchObject(forbidden);
    await expect(
      f.admin.webhooks.create.mutate({ url: r.url, eventTypes: [], includeCharges: false }),
    ).rejects.toMatchObject(forbidden);
    // Viewers read alert rules; only admins set them.
    await expect(viewer.alerts.getRules.query({ accountId: f.accountId })).resolves.toMatchObject({
      rules: expect.arrayContaining([{ rule: 'balance_below', enabled: false }]),
    });
    await expect(
      viewer.alerts.setRules.mutate({
        accountId: f.accountId,
        rules: [{ rule: 'account_overdue', enabled: true }],
      }),
    ).rejects.toMatchObject({ data: { domainCode: 'FORBIDDEN' } });
    // The operator sees the account's endpoint; the admin removes it.
    const listed = await server.operator.webhooks.list.query({ accountId: f.accountId });
    expect(listed.items.map((e) => e.id)).toEqual([endpoint.id]);
    await f.admin.webhooks.remove.mutate({ endpointId: endpoint.id });
    await expect(f.admin.webhooks.list.query({ accountId: f.accountId })).resolves.toEqual({
      items: [],
    });
  });

  it('refuses URLs other than https or loopback http, naming the field', async () => {
    const f = await newFixture(server);
    for (const url of [
      'http://example.com/hook',
      'ftp://127.0.0.1/x',
      'https://u:p@example.com/',
      'not a url',
    ]) {
      await expect(
        f.admin.webhooks.create.mutate({
          accountId: f.accountId,
          url,
          eventTypes: [],
          includeCharges: false,
        }),
      ).rejects.toMatchObject({
        data: {
          domainCode: 'VALIDATION',
          issues: [expect.objectContaining({ path: 'url', code: 'WEBHOOK_URL_NOT_ALLOWED' })],
        },
      });
    }
    await expect(f.admin.webhooks.list.query({ accountId: f.accountId })).resolves.toEqual({
      items: [],
    });
    const ok = await f.admin.webhooks.create.mutate({
      accountId: f.accountId,
      url: 'https://hooks.example.com/wallet',
      eventTypes: ['invoice.issued'],
      includeCharges: true,
    });
    expect(ok.endpoint).toMatchObject({
      url: 'https://hooks.example.com/wallet',
      includeCharges: true,
    });
  });
});
