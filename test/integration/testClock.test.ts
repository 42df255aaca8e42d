/**
 * The test clock through the public API of a real server started with WALLET_TEST_CLOCK=true:
 * an operator advances the deployment's time and everything that follows it moves — a
 * voucher expires, a workspace goes from grace to locked and back to active after a bank
 * transfer, a top-up times out — in seconds of real time. Off, the procedures refuse with
 * TEST_CLOCK_OFF; in production the server refuses to start unless explicitly allowed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../common/time.ts';
import { chargeInput, expectCleanAudit, fundCash, newFixture, uid } from '../helpers/factories.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ env: { WALLET_TEST_CLOCK: 'true' } });
});
afterAll(() => server.stop());

describe('with WALLET_TEST_CLOCK=true', () => {
  it('reports the offset to operators and, read-only, to anyone', async () => {
    const before = await server.operator.admin.testClock.get.query();
    expect(before.enabled).toBe(true);
    const status = await server.client().testClock.status.query();
    expect(status).toMatchObject({ enabled: true, offsetMs: before.offsetMs });
  });

  it('expires a voucher once the clock passes its expiry', async () => {
    const f = await newFixture(server);
    const voucher = await server.operator.vouchers.issue.mutate({
      accountId: f.accountId,
      requestId: uid('req'),
      amount: '50.00',
      validity: { kind: 'days', days: 2 },
    });
    const usable = async () =>
      (await f.admin.accounts.get.query({ accountId: f.accountId })).regularVouchers.usable;
    expect(await usable()).toBe('50.00');
    await server.operator.admin.testClock.advance.mutate({ by: 3, unit: 'days' });
    expect(await usable()).toBe('0.00');
    await server.operator.admin.runExpiry.mutate();
    const [listed] = await f.admin.vouchers.list.query({ accountId: f.accountId });
    expect([listed?.voucherId, listed?.status, listed?.balance]).toEqual([
      voucher.voucherId,
      'expired',
      '0.00',
    ]);
    await expectCleanAudit(server);
  });

  it('takes a workspace from grace to locked, and back to active after a bank transfer', async () => {
    const f = await newFixture(server);
    await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '10.00'));
    const status = () => f.admin.workspaces.status.query({ workspaceId: f.workspaceId });
    const grace = await status();
    expect(grace).toMatchObject({ status: 'grace', mayIngest: true });
    await server.operator.admin.testClock.advance.mutate({ by: 14, unit: 'days' });
    expect(await status()).toMatchObject({ status: 'locked', mayIngest: false });
    await fundCash(server, f.remittanceRef, '10.00');
    expect(await status()).toMatchObject({ status: 'active', mayIngest: true });
    await expectCleanAudit(server);
  });

  it('times out an unpaid top-up once the clock passes its deadline', async () => {
    const f = await newFixture(server);
    const order = await f.admin.cash.createTopUp.mutate({ accountId: f.accountId, amount: '5.00' });
    const statusOf = async () =>
      (await f.admin.cash.listTopUps.query({ accountId: f.accountId })).items.find(
        (item) => item.orderId === order.orderId,
      )?.status;
    await server.operator.admin.runExpiry.mutate();
    expect(await statusOf()).toBe('pending');
    // The deadline is 30 minutes (WALLET_TOPUP_TIMEOUT_MINUTES).
    await server.operator.admin.testClock.advance.mutate({ by: 31, unit: 'minutes' });
    await server.operator.admin.runExpiry.mutate();
    expect(await statusOf()).toBe('closed');
  });

  it('moves only forward, only for operators', async () => {
    const f = await newFixture(server);
    await expect(
      server.operator.admin.testClock.advance.mutate({ by: 0, unit: 'days' }),
    ).rejects.toMatchObject({ data: { domainCode: 'VALIDATION' } });
    await expect(
      f.admin.admin.testClock.advance.mutate({ by: 1, unit: 'days' }),
    ).rejects.toMatchObject({ data: { domainCode: 'FORBIDDEN' } });
    const before = await server.operator.admin.testClock.get.query();
    const after = await server.operator.admin.testClock.advance.mutate({ by: 1, unit: 'hours' });
    expect(after.offsetMs - before.offsetMs).toBe(3_600_000);
    expect(after.nowMs - before.nowMs).toBeGreaterThanOrEqual(3_600_000);
    expect(after.nowMs - before.nowMs).toBeLessThan(3_600_000 + DAY_MS);
  });
});

describe('without WALLET_TEST_CLOCK', () => {
  it('refuses to read or move the clock, and says it is real time', async () => {
    const plain = await startServer();
    try {
      const off = { data: { domainCode: 'TEST_CLOCK_OFF', httpStatus: 412 } };
      await expect(plain.operator.admin.testClock.get.query()).rejects.toMatchObject(off);
      await expect(
        plain.operator.admin.testClock.advance.mutate({ by: 1, unit: 'days' }),
      ).rejects.toMatchObject(off);
      await expect(plain.client().testClock.status.query()).resolves.toMatchObject({
        enabled: false,
        offsetMs: 0,
      });
    } finally {
      await plain.stop();
    }
  });
});

describe('in production', () => {
  const production = { NODE_ENV: 'production', WALLET_PAYMENTS: '', WALLET_TEST_CLOCK: 'true' };

  it('refuses to start with the test clock on', async () => {
    await expect(startServer({ env: production })).rejects.toThrow(
      /server exited with 1[\s\S]*WALLET_TEST_CLOCK=true is refused when NODE_ENV=production/,
    );
  });

  it('starts when WALLET_ALLOW_TEST_CLOCK_IN_PRODUCTION=true says it is a test bed', async () => {
    const allowed = await startServer({
      env: { ...production, WALLET_ALLOW_TEST_CLOCK_IN_PRODUCTION: 'true' },
    });
    try {
      await expect(allowed.operator.admin.testClock.get.query()).resolves.toMatchObject({
        enabled: true,
      });
    } finally {
      await allowed.stop();
    }
  });
});
