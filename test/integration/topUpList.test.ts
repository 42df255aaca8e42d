/**
 * cash.listTopUps: the account's online top-up orders, newest first, each with its status
 * (pending, paid through the sandbox checkout, closed by the expiry job) and amount; pages
 * by keyset; members and operators read it, nobody else; another account's orders never
 * appear. The app runs in-process with a clock the test moves.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectCleanAudit, newFixture, serviceClient } from '../helpers/factories.ts';
import { ManualClock, startInProcessServer } from '../helpers/inprocess.ts';
import type { TestServer } from '../helpers/server.ts';

const MINUTE_MS = 60_000;
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

const forbidden = { data: { code: 'FORBIDDEN' } };

/**
 * Pays an order on the sandbox checkout page, as the browser's Pay button does, as the order
 * account's admin (the sandbox pays only for them).
 */
async function paySandbox(orderId: string, adminKey: string): Promise<void> {
  const response = await fetch(`${server.url}/payments/sandbox/pay`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Bearer ${adminKey}`,
    },
    body: new URLSearchParams({ orderId }).toString(),
  });
  expect(response.status).toBe(200);
}

describe('cash.listTopUps', () => {
  it("lists the account's orders newest first with status and amount, page by page", async () => {
    const f = await newFixture(server);
    const other = await newFixture(server, 'Other');
    const create = async (amount: string) => {
      clock.advance(MINUTE_MS);
      return f.admin.cash.createTopUp.mutate({ accountId: f.accountId, amount });
    };
    const closing = await create('100.00');
    const paid = await create('1000.50');
    await paySandbox(paid.orderId, f.adminKey);
    await other.admin.cash.createTopUp.mutate({ accountId: other.accountId, amount: '7.00' });
    // Past the first orders' deadline: the expiry job closes the unpaid one.
    clock.advance(60 * MINUTE_MS);
    await server.operator.admin.runExpiry.mutate();
    const pending = await create('20.00');

    const all = await f.admin.cash.listTopUps.query({ accountId: f.accountId });
    expect(all.nextCursor).toBeNull();
    expect(all.items.map((o) => [o.orderId, o.status, o.amount])).toEqual([
      [pending.orderId, 'pending', '20.00'],
      [paid.orderId, 'paid', '1000.50'],
      [closing.orderId, 'closed', '100.00'],
    ]);
    expect(all.items[1]?.paidAtMs).not.toBeNull();

    // Two orders created in the same millisecond still page without loss or repeat.
    const twin = await f.admin.cash.createTopUp.mutate({ accountId: f.accountId, amount: '3.00' });
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const next = await f.admin.cash.listTopUps.query({
        accountId: f.accountId,
        limit: 1,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...next.items.map((o) => o.orderId));
      if (!next.nextCursor) break;
      cursor = next.nextCursor;
    }
    expect(seen.sort()).toEqual(
      [twin.orderId, pending.orderId, paid.orderId, closing.orderId].sort(),
    );
  });

  it('is read by members and operators only, and refuses a cursor it did not make', async () => {
    const f = await newFixture(server);
    const other = await newFixture(server, 'Other');
    await f.admin.cash.createTopUp.mutate({ accountId: f.accountId, amount: '5.00' });
    const viewerKey = await f.admin.accounts.createApiKey.mutate({
      accountId: f.accountId,
      role: 'viewer',
      label: 'viewer',
    });
    const input = { accountId: f.accountId };
    for (const reader of [server.client(viewerKey.apiKey), server.operator]) {
      const page = await reader.cash.listTopUps.query(input);
      expect(page.items.map((o) => o.amount)).toEqual(['5.00']);
    }
    for (const stranger of [
      other.admin,
      f.metering,
      await serviceClient(server, 'partner'),
      server.client(),
    ]) {
      await expect(stranger.cash.listTopUps.query(input)).rejects.toMatchObject({
        data: { code: expect.stringMatching(/^(FORBIDDEN|UNAUTHORIZED)$/) },
      });
    }
    await expect(other.admin.cash.listTopUps.query(input)).rejects.toMatchObject(forbidden);
    await expect(
      f.admin.cash.listTopUps.query({ ...input, cursor: "1' OR 1=1 --" }),
    ).rejects.toMatchObject({
      data: { code: 'BAD_REQUEST', domainCode: 'VALIDATION', issues: [{ path: 'cursor' }] },
    });
    await expect(f.admin.cash.listTopUps.query({ ...input, limit: 501 })).rejects.toMatchObject({
      data: { code: 'BAD_REQUEST', issues: [{ path: 'limit' }] },
    });
  });
});
