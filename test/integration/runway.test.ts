/**
 * accounts.runway through a real server with a fixed clock, against a hand computation on a
 * fixed history (the arithmetic is in the comments), and who may read it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chargeInput, expectCleanAudit, fundCash, newFixture, uid } from '../helpers/factories.ts';
import { ManualClock, startInProcessServer } from '../helpers/inprocess.ts';
import type { TestServer } from '../helpers/server.ts';

const DAY_MS = 86_400_000;
// 2026-12-01 12:00 in Shanghai.
const T0 = Date.UTC(2026, 11, 1, 4);
const clock = new ManualClock(T0);
let server: TestServer;

beforeAll(async () => {
  server = await startInProcessServer(clock);
});
afterAll(async () => {
  await server.stop();
});

function daysAgo(days: number) {
  return { startMs: T0 - days * DAY_MS, endMs: T0 - days * DAY_MS + 3_600_000 };
}

describe('accounts.runway', () => {
  it('matches a hand computation on a fixed history', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '200.00');
    const cloud = await f.admin.workspaces.create.mutate({
      accountId: f.accountId,
      workspaceId: uid('ws'),
      name: 'cloud',
    });
    await f.admin.workspaces.setSettlementMethod.mutate({
      workspaceId: cloud.workspaceId,
      settlement: { method: 'cloud_account', cloudProvider: 'aws', cloudAccountId: '111122223333' },
    });
    const settle = (workspaceId: string, amount: string, days: number, category = 'general') =>
      f.metering.charges.settle.mutate(
        chargeInput(workspaceId, amount, {
          period: daysAgo(days),
          category: category as 'general' | 'sms',
        }),
      );
    // Cash pays the billing-center charges: 200 - 14 - 30 - 7 - 9 = 140 left. The cloud
    // workspace's 21 falls to its cloud account (no voucher yet). The 9 is 40 days old.
    await settle(f.workspaceId, '14.00', 2);
    await settle(f.workspaceId, '30.00', 20);
    await settle(f.workspaceId, '7.00', 1, 'sms');
    await settle(f.workspaceId, '9.00', 40);
    await settle(cloud.workspaceId, '21.00', 3);
    // Then a voucher of 50 that expires in 40 days.
    await server.operator.vouchers.issue.mutate({
      accountId: f.accountId,
      requestId: uid('req'),
      amount: '50.00',
      validity: { kind: 'fixed', validFromMs: T0 - DAY_MS, expiresAtMs: T0 + 40 * DAY_MS },
    });

    const runway = await f.admin.accounts.runway.query({ accountId: f.accountId });
    // 7 days: general 14 + sms 7 + cloud 21 = 42, 6.00 a day; 30 days: 44 + 7 + 21 = 72, 2.40.
    // At the 7-day rates (general 2, sms 1, cloud 3 a day) the voucher pays general and cloud
    // (5 a day) and empties on day 10, while sms takes 10 of cash; then general and sms take
    // the 130 left at 3 a day: 43 1/3 days more, 53 1/3 in all.
    expect(runway.asOfMs).toBe(T0);
    expect(runway.account).toMatchObject({
      usable: '190.00',
      daily7: '6.00',
      daily30: '2.40',
      days: 53,
      untilMs: T0 + 10 * DAY_MS + (130 / 3) * DAY_MS,
      parts: { cash: '140.00', vouchers: '50.00', prepaidCards: '0.00' },
    });
    // At the 30-day rates the voucher lasts 50 / (65/30) = 300/13 days, cash is then
    // 140 - 7/30 x 300/13 = 1750/13, which lasts (1750/13) / (51/30) days: 67800/663 = 102.26.
    expect(runway.account.at30.days).toBe(102);
    const byId = new Map(runway.workspaces.map((w) => [w.workspaceId, w]));
    expect(byId.get(f.workspaceId)).toMatchObject({ daily7: '3.00', days: 53 });
    // The cloud workspace runs out of voucher on day 10; then its cloud account pays.
    expect(byId.get(cloud.workspaceId)).toMatchObject({
      method: 'cloud_account',
      daily7: '3.00',
      daily30: '0.70',
      days: 10,
      untilMs: T0 + 10 * DAY_MS,
    });

    // The runway_below alert reads the same figure: 53 days is below 60, not below 50.
    await f.admin.alerts.setRules.mutate({
      accountId: f.accountId,
      rules: [{ rule: 'runway_below', enabled: true, days: 50 }],
    });
    await server.operator.admin.runExpiry.mutate();
    expect((await f.admin.notifications.list.query({ accountId: f.accountId })).items).toEqual([]);
    await f.admin.alerts.setRules.mutate({
      accountId: f.accountId,
      rules: [{ rule: 'runway_below', enabled: true, days: 60 }],
    });
    await server.operator.admin.runExpiry.mutate();
    const { items } = await f.admin.notifications.list.query({ accountId: f.accountId });
    expect(items).toMatchObject([{ kind: 'runway_below', data: { value: 53, threshold: 60 } }]);
    await expectCleanAudit(server);
  });

  it('is read by viewers and refused to members of other accounts', async () => {
    const f = await newFixture(server);
    const other = await newFixture(server);
    const viewerKey = await f.admin.accounts.createApiKey.mutate({
      accountId: f.accountId,
      role: 'viewer',
      label: 'viewer',
    });
    const viewer = server.client(viewerKey.apiKey);
    await expect(viewer.accounts.runway.query({ accountId: f.accountId })).resolves.toMatchObject({
      account: { usable: '0.00', days: null },
    });
    await expect(
      other.admin.accounts.runway.query({ accountId: f.accountId }),
    ).rejects.toMatchObject({ data: { domainCode: 'FORBIDDEN' } });
    await expect(
      server.operator.accounts.runway.query({ accountId: 'acc_missing' }),
    ).rejects.toMatchObject({ data: { domainCode: 'ACCOUNT_NOT_FOUND' } });
  });
});
