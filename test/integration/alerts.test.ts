/**
 * Alerts fire once per crossing, and again only after the value went back over the
 * threshold: under 1,000 concurrent charges on a real server process, and for each rule,
 * the time-based ones on the expiry job of an in-process server whose clock the test moves.
 * Every firing is an in-app notification and an `alert.fired` event of the same commit.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../common/time.ts';
import type { NodeDatabase } from '../../db/client.ts';
import { events, topUpOrders } from '../../db/schema/index.ts';
import { creditTopUp } from '../../server/services/topUps/credit.ts';
import {
  chargeInput,
  recentPeriod,
  expectCleanAudit,
  fundCash,
  newFixture,
  uid,
  type Fixture,
} from '../helpers/factories.ts';
import { ManualClock, startInProcessServer } from '../helpers/inprocess.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

async function firedRules(f: Fixture): Promise<string[]> {
  const { items } = await f.admin.notifications.list.query({ accountId: f.accountId, limit: 100 });
  return items.map((item) => item.kind).reverse();
}

describe('alerts under concurrent charges (server process)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ env: { WALLET_WEBHOOK_INTERVAL_MS: '0' } });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('fires once per crossing under 1,000 concurrent charges, again after recovery', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '100.00');
    await f.admin.alerts.setRules.mutate({
      accountId: f.accountId,
      rules: [
        { rule: 'balance_below', enabled: true, amount: '50.00' },
        { rule: 'account_overdue', enabled: true },
      ],
    });
    const burst = (amount: string) =>
      Promise.all(
        Array.from({ length: 1000 }, () =>
          f.metering.charges.settle.mutate(chargeInput(f.workspaceId, amount)),
        ),
      );

    await burst('0.08'); // 100.00 → 20.00: below 50.00 once.
    expect(await firedRules(f)).toEqual(['balance_below']);
    let account = await f.admin.accounts.get.query({ accountId: f.accountId });
    expect(account.cash).toBe('20.00');

    await fundCash(server, f.remittanceRef, '100.00'); // 120.00: back over, re-armed.
    expect(await firedRules(f)).toEqual(['balance_below']);

    await burst('0.15'); // 120.00 → overdue 30.00: below again, and overdue once.
    // The two may fire in one commit (one instant): compared in no particular order.
    expect((await firedRules(f)).sort()).toEqual([
      'account_overdue',
      'balance_below',
      'balance_below',
    ]);
    account = await f.admin.accounts.get.query({ accountId: f.accountId });
    expect([account.cash, account.overdue]).toEqual(['0.00', '30.00']);

    const { items } = await f.admin.notifications.list.query({ accountId: f.accountId });
    expect(items.at(-1)?.data).toMatchObject({
      rule: 'balance_below',
      threshold: '50.00',
      value: expect.stringMatching(/^\d+\.\d\d$/),
    });
    await expect(
      f.admin.notifications.unreadCount.query({ accountId: f.accountId }),
    ).resolves.toEqual({
      count: 3,
    });
    await f.admin.notifications.markRead.mutate({ accountId: f.accountId, ids: [items[0]!.id] });
    await expect(
      f.admin.notifications.unreadCount.query({ accountId: f.accountId }),
    ).resolves.toEqual({
      count: 2,
    });
    await f.admin.notifications.markRead.mutate({ accountId: f.accountId });
    await expect(
      f.admin.notifications.unreadCount.query({ accountId: f.accountId }),
    ).resolves.toEqual({
      count: 0,
    });
    await expectCleanAudit(server);
  });
});

describe('each rule (in-process server, moved clock)', () => {
  const T0 = Date.UTC(2026, 10, 10, 4);
  const clock = new ManualClock(T0);
  let server: Awaited<ReturnType<typeof startInProcessServer>>;
  beforeAll(async () => {
    server = await startInProcessServer(clock, { WALLET_WEBHOOK_INTERVAL_MS: '0' });
  });
  afterAll(async () => {
    await server.stop();
  });
  const expire = () => server.operator.admin.runExpiry.mutate();

  it('fires each rule once per crossing, through the commit or the expiry job', async () => {
    const f = await newFixture(server);
    const plain = [
      'account_overdue',
      'workspace_grace',
      'workspace_locked',
      'top_up_credited',
      'invoice_issued',
      'invoice_rejected',
    ] as const;
    await f.admin.alerts.setRules.mutate({
      accountId: f.accountId,
      rules: [
        { rule: 'instrument_expiring', enabled: true, days: 7 },
        { rule: 'runway_below', enabled: true, days: 10 },
        { rule: 'balance_below', enabled: true, amount: '10.00' },
        ...plain.map((rule) => ({ rule, enabled: true })),
      ],
    });
    await expect(f.admin.alerts.getRules.query({ accountId: f.accountId })).resolves.toMatchObject({
      rules: expect.arrayContaining([
        { rule: 'balance_below', enabled: true, amount: '10.00' },
        { rule: 'runway_below', enabled: true, days: 10 },
      ]),
    });
    // A voucher of 100.00 for ten days: not yet within seven days of expiring.
    await server.operator.vouchers.issue.mutate({
      accountId: f.accountId,
      requestId: uid('issue'),
      amount: '100.00',
      validity: { kind: 'fixed', validFromMs: T0 - DAY_MS, expiresAtMs: T0 + 10 * DAY_MS },
    });
    await expire();
    expect(await firedRules(f)).toEqual([]);

    clock.advance(4 * DAY_MS); // six days left
    await expire();
    await expire();
    expect(await firedRules(f)).toEqual(['instrument_expiring']);

    clock.advance(60_000); // the notification list orders by time: one minute per step
    // 70.00 spent in the last week (its billing period is yesterday's, which is what the
    // runway counts by): 10.00 a day, 30.00 left lasts 3 days (< 10).
    await f.metering.charges.settle.mutate(
      chargeInput(f.workspaceId, '70.00', { period: recentPeriod(clock.nowMs()) }),
    );
    await expire();
    await expire();
    expect(await firedRules(f)).toEqual(['instrument_expiring', 'runway_below']);

    clock.advance(60_000);
    // 50.00 more: the voucher's 30.00 and 20.00 overdue — below 10.00, overdue, grace.
    await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '50.00'));
    await expire();
    let fired = await firedRules(f);
    expect(fired.slice(0, 2)).toEqual(['instrument_expiring', 'runway_below']);
    // Same instant, so in no particular order.
    expect(fired.slice(2).sort()).toEqual(['account_overdue', 'balance_below', 'workspace_grace']);
    clock.advance(15 * DAY_MS);
    await expire();
    await expire();
    fired = await firedRules(f);
    expect(fired.slice(5)).toEqual(['workspace_locked']);

    clock.advance(60_000);
    // A top-up pays the overdue off: the workspace unlocks, the top-up alert fires.
    const topUp = await f.admin.cash.createTopUp.mutate({
      accountId: f.accountId,
      amount: '40.00',
    });
    const [order] = await server.deps.database.db
      .select()
      .from(topUpOrders)
      .where(eq(topUpOrders.id, topUp.orderId));
    await creditTopUp(server.deps, order!, 'trade-1');
    const invoice = (amount: string) => ({
      accountId: f.accountId,
      requestId: uid('inv'),
      title: 'Acme Information Technology Ltd',
      taxId: '91310000MA1FL0XY2K',
      amount,
      email: 'billing@acme.example',
      type: 'general' as const,
    });
    const a = await f.admin.invoices.request.mutate(invoice('10.00'));
    await server.operator.invoices.issue.mutate({
      invoiceId: a.invoiceId,
      invoiceNumber: uid('FP'),
    });
    const b = await f.admin.invoices.request.mutate(invoice('5.00'));
    await server.operator.invoices.reject.mutate({ invoiceId: b.invoiceId, reason: 'title' });
    await expire();
    expect((await firedRules(f)).slice(6).sort()).toEqual([
      'invoice_issued',
      'invoice_rejected',
      'top_up_credited',
    ]);

    // Each notification came with an alert.fired event of the same commit; the workspace
    // states are events of their own.
    const outbox = await server.deps.database.db
      .select()
      .from(events)
      .where(eq(events.accountId, f.accountId));
    const alertEvents = outbox.filter((e) => e.type === 'alert.fired');
    const { items } = await f.admin.notifications.list.query({ accountId: f.accountId });
    expect(alertEvents.map((e) => JSON.parse(e.data).alertId).sort()).toEqual(
      items.map((item) => item.id).sort(),
    );
    expect(outbox.filter((e) => e.type.startsWith('workspace.')).map((e) => e.type)).toEqual([
      'workspace.grace',
      'workspace.locked',
      'workspace.unlocked',
    ]);
    await expectCleanAudit(server);
  });

  it('bumps the account version when rules change, so other writers plan on them', async () => {
    const f = await newFixture(server);
    const before = await (server.deps.database as NodeDatabase).client.execute({
      sql: 'SELECT version FROM accounts WHERE id = ?',
      args: [f.accountId],
    });
    await f.admin.alerts.setRules.mutate({
      accountId: f.accountId,
      rules: [{ rule: 'balance_below', enabled: true, amount: '5.00' }],
    });
    const after = await (server.deps.database as NodeDatabase).client.execute({
      sql: 'SELECT version FROM accounts WHERE id = ?',
      args: [f.accountId],
    });
    expect(Number(after.rows[0]?.version)).toBe(Number(before.rows[0]?.version) + 1);
    // Changing the rules by hand without the version is refused by the database.
    await expect(
      (server.deps.database as NodeDatabase).client.execute({
        sql: `UPDATE accounts SET alert_rules = '[]' WHERE id = ?`,
        args: [f.accountId],
      }),
    ).rejects.toThrow(/stale_account_version/);
    await expect(
      f.admin.alerts.setRules.mutate({
        accountId: f.accountId,
        rules: [
          { rule: 'account_overdue', enabled: true },
          { rule: 'account_overdue', enabled: false },
        ],
      }),
    ).rejects.toMatchObject({ data: { domainCode: 'VALIDATION' } });
  });
});
