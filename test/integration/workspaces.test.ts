/**
 * Settlement methods, with a clock the test controls (the app served in-process on an
 * ephemeral port): at most one change per calendar month in Asia/Shanghai, the cloud-account
 * lock, and the fallback when the platform reports the cloud subscription ended.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chargeInput, expectCleanAudit, newFixture, uid } from '../helpers/factories.ts';
import { ManualClock, startInProcessServer } from '../helpers/inprocess.ts';
import type { TestServer } from '../helpers/server.ts';

// 2026-11-10 12:00 in Shanghai.
const clock = new ManualClock(Date.UTC(2026, 10, 10, 4));
let server: TestServer;

beforeAll(async () => {
  server = await startInProcessServer(clock);
});
afterAll(async () => {
  await server.stop();
});
afterEach(async () => {
  await expectCleanAudit(server);
});

const aws = {
  method: 'cloud_account',
  cloudProvider: 'aws',
  cloudAccountId: '111122223333',
} as const;

describe('workspaces', () => {
  it('creates, reads and lists workspaces; re-creating returns the same one', async () => {
    const f = await newFixture(server);
    const again = await f.admin.workspaces.create.mutate({
      accountId: f.accountId,
      workspaceId: f.workspaceId,
      name: 'main',
    });
    expect(again.workspaceId).toBe(f.workspaceId);
    const second = await f.admin.workspaces.create.mutate({
      accountId: f.accountId,
      workspaceId: uid('ws'),
      name: 'second',
      settlement: {
        method: 'cloud_account',
        cloudProvider: 'huawei_cloud',
        cloudAccountId: 'hw-1',
      },
    });
    expect(second).toMatchObject({
      settlementMethod: 'cloud_account',
      cloudProvider: 'huawei_cloud',
    });
    const list = await f.admin.workspaces.list.query({ accountId: f.accountId });
    expect(list.map((w) => w.workspaceId).sort()).toEqual(
      [f.workspaceId, second.workspaceId].sort(),
    );
    await expect(
      f.admin.workspaces.get.query({ workspaceId: f.workspaceId }),
    ).resolves.toMatchObject({
      accountId: f.accountId,
      settlementMethod: 'billing_center',
    });
  });

  it('refuses binding a workspace that belongs to another account', async () => {
    const mine = await newFixture(server);
    const other = await newFixture(server);
    await expect(
      server.operator.workspaces.create.mutate({
        accountId: mine.accountId,
        workspaceId: other.workspaceId,
        name: 'steal',
      }),
    ).rejects.toMatchObject({ data: { code: 'CONFLICT', issues: [{ path: 'workspaceId' }] } });
  });

  it('allows one method change per Shanghai calendar month', async () => {
    clock.set(Date.UTC(2026, 10, 10, 4));
    const f = await newFixture(server);
    const changed = await f.admin.workspaces.setSettlementMethod.mutate({
      workspaceId: f.workspaceId,
      settlement: aws,
    });
    expect(changed).toMatchObject({
      settlementMethod: 'cloud_account',
      cloudAccountId: '111122223333',
    });
    // Asking for the method it already has is no change and not refused.
    await expect(
      f.admin.workspaces.setSettlementMethod.mutate({
        workspaceId: f.workspaceId,
        settlement: aws,
      }),
    ).resolves.toMatchObject({ settlementMethod: 'cloud_account' });

    // The subscription ends: back to the billing center, which is not the admin's change...
    await server.operator.workspaces.endCloudSubscription.mutate({
      workspaceId: f.workspaceId,
      cloudAccountId: '111122223333',
    });
    // ...but the admin already changed once this month.
    await expect(
      f.admin.workspaces.setSettlementMethod.mutate({
        workspaceId: f.workspaceId,
        settlement: aws,
      }),
    ).rejects.toMatchObject({
      data: { code: 'PRECONDITION_FAILED', domainCode: 'METHOD_CHANGE_LIMIT' },
    });
    const view = await f.admin.workspaces.get.query({ workspaceId: f.workspaceId });
    // 2026-12-01 00:00 Shanghai is 2026-11-30 16:00 UTC.
    expect(view.nextMethodChangeAtMs).toBe(Date.UTC(2026, 10, 30, 16));

    clock.set(Date.UTC(2026, 10, 30, 15, 59)); // 23:59 on 30 November in Shanghai
    await expect(
      f.admin.workspaces.setSettlementMethod.mutate({
        workspaceId: f.workspaceId,
        settlement: aws,
      }),
    ).rejects.toMatchObject({ data: { domainCode: 'METHOD_CHANGE_LIMIT' } });
    clock.set(Date.UTC(2026, 10, 30, 16)); // midnight, 1 December in Shanghai
    await expect(
      f.admin.workspaces.setSettlementMethod.mutate({
        workspaceId: f.workspaceId,
        settlement: aws,
      }),
    ).resolves.toMatchObject({ settlementMethod: 'cloud_account' });
  });

  it('tells get, list and status when the method may change next, in Shanghai months', async () => {
    // 23:30 on 31 March 2027 in Shanghai (15:30 UTC).
    clock.set(Date.UTC(2027, 2, 31, 15, 30));
    const f = await newFixture(server);
    const changeability = async () => {
      const fromGet = await f.admin.workspaces.get.query({ workspaceId: f.workspaceId });
      const [fromList] = await f.admin.workspaces.list.query({ accountId: f.accountId });
      const fromStatus = await f.admin.workspaces.status.query({ workspaceId: f.workspaceId });
      const pick = (w: { nextMethodChangeAtMs: number | null; methodLock: string | null }) => [
        w.nextMethodChangeAtMs,
        w.methodLock,
      ];
      const all = [fromGet, fromList, fromStatus].map((w) => (w ? pick(w) : null));
      // The three reads agree.
      expect(all[1]).toEqual(all[0]);
      expect(all[2]).toEqual(all[0]);
      return all[0];
    };
    expect(await changeability()).toEqual([null, null]);

    await f.admin.workspaces.setSettlementMethod.mutate({
      workspaceId: f.workspaceId,
      settlement: aws,
    });
    // On a cloud account the subscription is what stops a change; the month is used, too.
    // 2027-04-01 00:00 Shanghai is 2027-03-31 16:00 UTC: half an hour away.
    expect(await changeability()).toEqual([Date.UTC(2027, 2, 31, 16), 'cloud_subscription']);
    await server.operator.workspaces.endCloudSubscription.mutate({
      workspaceId: f.workspaceId,
      cloudAccountId: aws.cloudAccountId,
    });
    expect(await changeability()).toEqual([Date.UTC(2027, 2, 31, 16), 'month_limit']);

    clock.set(Date.UTC(2027, 2, 31, 16)); // April in Shanghai, still March in UTC
    expect(await changeability()).toEqual([null, null]);
  });

  it('keeps a cloud-settled workspace on its cloud account until the subscription ends', async () => {
    clock.set(Date.UTC(2027, 0, 5));
    const f = await newFixture(server);
    await f.admin.workspaces.setSettlementMethod.mutate({
      workspaceId: f.workspaceId,
      settlement: aws,
    });
    clock.set(Date.UTC(2027, 2, 5)); // months later: the monthly limit is not what stops it
    for (const settlement of [
      { method: 'billing_center' } as const,
      { ...aws, cloudAccountId: '999988887777' },
      { method: 'cloud_account', cloudProvider: 'alibaba_cloud', cloudAccountId: 'ali-1' } as const,
    ]) {
      await expect(
        f.admin.workspaces.setSettlementMethod.mutate({ workspaceId: f.workspaceId, settlement }),
      ).rejects.toMatchObject({ data: { domainCode: 'CLOUD_SUBSCRIPTION_ACTIVE' } });
    }
    // Reporting the end of a subscription the workspace does not have is refused.
    await expect(
      server.operator.workspaces.endCloudSubscription.mutate({
        workspaceId: f.workspaceId,
        cloudAccountId: 'other',
      }),
    ).rejects.toMatchObject({ data: { domainCode: 'NOT_CLOUD_SETTLED' } });
    await expect(
      f.admin.workspaces.endCloudSubscription.mutate({
        workspaceId: f.workspaceId,
        cloudAccountId: '111122223333',
      }),
    ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    const ended = await server.operator.workspaces.endCloudSubscription.mutate({
      workspaceId: f.workspaceId,
      cloudAccountId: '111122223333',
    });
    expect(ended).toMatchObject({ settlementMethod: 'billing_center', cloudAccountId: null });
    // Charges now settle through the billing center: overdue, not the cloud account.
    const charge = await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '2.00'));
    expect(charge.parts.map((p) => p.source)).toEqual(['overdue']);
    // And the admin may now choose again.
    await expect(
      f.admin.workspaces.setSettlementMethod.mutate({
        workspaceId: f.workspaceId,
        settlement: {
          method: 'cloud_account',
          cloudProvider: 'alibaba_cloud',
          cloudAccountId: 'ali-1',
        },
      }),
    ).resolves.toMatchObject({ cloudProvider: 'alibaba_cloud' });
  });
});
