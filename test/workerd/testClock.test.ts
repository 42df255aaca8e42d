/**
 * The test clock at the edge: on only when the Worker's vars say WALLET_TEST_CLOCK = "true".
 * An advance is a write, so it runs in the writer object; the Worker, reading the offset from
 * the database, agrees; a workspace locks after the grace period by that clock; the cron's
 * expiry job in the writer expires by it too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uid } from '../helpers/factories.ts';
import { bundleWorker, startWorker, type TestWorker } from '../helpers/worker.ts';

let worker: TestWorker;

beforeAll(async () => {
  worker = await startWorker(bundleWorker(), { WALLET_TEST_CLOCK: 'true' }, { instrument: true });
}, 120_000);
afterAll(async () => {
  await worker?.stop();
});

describe('the test clock at the edge', () => {
  it('moves the time of the writer, the Worker and the cron together', async () => {
    const account = await worker.operator.accounts.create.mutate({ name: uid('Clock') });
    const workspace = await worker.operator.workspaces.create.mutate({
      accountId: account.id,
      workspaceId: uid('ws'),
      name: 'main',
    });
    const voucher = await worker.operator.vouchers.issue.mutate({
      accountId: account.id,
      requestId: uid('req'),
      amount: '5.00',
      validity: { kind: 'days', days: 20 },
    });
    const metering = await worker.operator.admin.createApiKey.mutate({
      role: 'metering',
      label: 'm',
    });
    const meter = worker.client(metering.apiKey);
    await meter.charges.settle.mutate({
      chargeId: uid('chg'),
      workspaceId: workspace.workspaceId,
      category: 'sms', // vouchers never pay SMS: the account goes overdue
      amount: '1.00',
      periodStartMs: Date.UTC(2026, 10, 1),
      periodEndMs: Date.UTC(2026, 11, 1),
      description: 'usage',
    });
    const status = () => meter.workspaces.status.query({ workspaceId: workspace.workspaceId });
    expect((await status()).status).toBe('grace');

    const moved = await worker.operator.admin.testClock.advance.mutate({ by: 21, unit: 'days' });
    expect(await worker.writerCalls()).toContain('POST /trpc/admin.testClock.advance');
    expect(moved.offsetMs).toBe(21 * 86_400_000);
    // A query, answered by the Worker rather than the writer object: the same time.
    expect((await worker.client().testClock.status.query()).offsetMs).toBe(moved.offsetMs);
    expect((await status()).status).toBe('locked');

    await worker.scheduled();
    const [expired] = await worker.operator.vouchers.list.query({ accountId: account.id });
    expect([expired?.voucherId, expired?.status]).toEqual([voucher.voucherId, 'expired']);
  });
});
