/**
 * The Worker delivers webhooks from its cron: the bundled Worker in Miniflare (workerd, D1)
 * writes events to the outbox with the changes that cause them, and the scheduled run fans
 * them out and POSTs them, signed, to a receiver on the host.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uid } from '../helpers/factories.ts';
import { startReceiver, type Receiver } from '../helpers/receiver.ts';
import { bundleWorker, startWorker, type TestWorker } from '../helpers/worker.ts';

let worker: TestWorker;
let receiver: Receiver;

beforeAll(async () => {
  worker = await startWorker(bundleWorker(), { WALLET_WEBHOOK_LOOPBACK_HTTP: '1' });
  receiver = await startReceiver();
});
afterAll(async () => {
  await worker.stop();
  await receiver.close();
});

describe('webhooks on the Worker', () => {
  it('delivers the outbox through the cron, signed; charge events batched when opted in', async () => {
    const account = await worker.operator.accounts.create.mutate({ name: uid('edge') });
    const workspace = await worker.operator.workspaces.create.mutate({
      accountId: account.id,
      workspaceId: uid('ws'),
      name: 'main',
    });
    const { secret, endpoint } = await worker.operator.webhooks.create.mutate({
      accountId: account.id,
      url: receiver.url,
      eventTypes: ['bank_transfer.recorded', 'account.overdue_cleared'],
      includeCharges: true,
    });
    receiver.secrets = [secret];
    const metering = worker.client(
      (await worker.operator.admin.createApiKey.mutate({ role: 'metering', label: 'm' })).apiKey,
    );
    await metering.charges.settle.mutate({
      chargeId: uid('chg'),
      workspaceId: workspace.workspaceId,
      category: 'general',
      amount: '3.00',
      periodStartMs: Date.UTC(2026, 3, 1),
      periodEndMs: Date.UTC(2026, 4, 1),
      description: 'usage',
    });
    const transfer = await worker.operator.cash.recordBankTransfer.mutate({
      reference: account.remittanceRef,
      bankSerial: uid('serial'),
      amount: '10.00',
    });
    expect(receiver.received).toEqual([]);

    await worker.scheduled();

    const types = [...receiver.accepted().values()].map((b) => (b as { type: string }).type);
    expect(types.sort()).toEqual([
      'account.overdue_cleared',
      'bank_transfer.recorded',
      'charge.settled.batch',
    ]);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    const recorded = [...receiver.accepted().values()].find(
      (b) => (b as { type: string }).type === 'bank_transfer.recorded',
    );
    expect(recorded).toMatchObject({
      accountId: account.id,
      data: { transferId: transfer.transferId, amount: '10.00', overduePaid: '3.00' },
    });
    const log = await worker.operator.webhooks.deliveries.query({ endpointId: endpoint.id });
    expect(log.items.map((d) => d.status)).toEqual(['delivered', 'delivered', 'delivered']);
  });
});
