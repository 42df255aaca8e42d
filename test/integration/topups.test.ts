/**
 * Online top-up with Alipay, through the real server and the real typed tRPC client.
 *
 * What is proven:
 * 1. Sandbox end to end: the checkout page names the order and amount, its Pay form credits
 *    the exact amount once, and paying again credits nothing more.
 * 2. Overdue first: a top-up pays the overdue off before any of it becomes cash.
 * 3. Every tampered or foreign notify is answered `failure`, for the reason it should be
 *    (read from the server's log), and credits nothing; the order stays pending.
 * 4. A valid notify repeated, sequentially and concurrently, credits exactly once.
 * 5. A notify for an unpaid or closed trade is acknowledged and credits nothing.
 * 6. Real Alipay mode: the page-pay URL is signed with the app key and carries the order,
 *    amount and deadline; a notify signed with Alipay's key credits; the sandbox is gone.
 * 7. Unpaid orders close at their deadline; money that arrives after the close is credited.
 * 8. Nobody tops up or reads another account's order; bad amounts are refused by field.
 *
 * The sandbox keys are read from the server's database, as another instance would read them;
 * the notifies are built here field by field, not by the product's sandbox route.
 */
import { createClient } from '@libsql/client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  generateKeyPair,
  importPrivateKey,
  importPublicKey,
  rsa2Verify,
  shanghaiDateTime,
  signingContent,
  signNotify,
} from '../../server/payments/alipay.ts';
import type { MockInstance } from 'vitest';
import type { WalletClient } from '../../server/client.ts';
import { chargeInput, expectCleanAudit, newFixture, uid } from '../helpers/factories.ts';
import type { Fixture } from '../helpers/factories.ts';
import { startFakeAlipay, type FakeAlipay } from '../helpers/alipayGateway.ts';
import { ManualClock, startInProcessServer } from '../helpers/inprocess.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const MINUTE_MS = 60_000;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

interface Order {
  readonly orderId: string;
  readonly amount: string;
}

interface Reply {
  readonly status: number;
  readonly body: string;
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** The fields Alipay sends in a trade_status_sync notify for `order`, unsigned. */
function notifyFields(
  order: Order,
  party: { appId: string; sellerId: string },
  overrides: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const now = shanghaiDateTime(Date.now());
  return {
    notify_time: now,
    notify_type: 'trade_status_sync',
    notify_id: uid('notify'),
    app_id: party.appId,
    charset: 'utf-8',
    version: '1.0',
    trade_no: `2026${order.orderId.slice(1)}`,
    out_trade_no: order.orderId,
    seller_id: party.sellerId,
    buyer_id: '2088102177846880',
    total_amount: order.amount,
    receipt_amount: order.amount,
    trade_status: 'TRADE_SUCCESS',
    gmt_create: now,
    gmt_payment: now,
    subject: `Account Wallet top-up ${order.orderId}`,
    ...overrides,
  };
}

function encode(form: Readonly<Record<string, string>>): string {
  return new URLSearchParams(form).toString();
}

function without(form: Readonly<Record<string, string>>, key: string): Record<string, string> {
  const copy = { ...form };
  delete copy[key];
  return copy;
}

async function postForm(
  url: string,
  body: string,
  headers: Readonly<Record<string, string>> = {},
): Promise<Reply> {
  const response = await fetch(url, { method: 'POST', headers: { ...FORM, ...headers }, body });
  return { status: response.status, body: await response.text() };
}

/** The sandbox checkout serves only the order account's admins (and operators). */
function asAdmin(f: { adminKey: string }): Record<string, string> {
  return { authorization: `Bearer ${f.adminKey}` };
}

function postNotify(server: TestServer, body: string): Promise<Reply> {
  return postForm(`${server.url}/payments/alipay/notify`, body);
}

const SUCCESS: Reply = { status: 200, body: 'success' };
const FAILURE: Reply = { status: 400, body: 'failure' };

/** A key pair the sandbox stored in its database, as {privateKeyPem, publicKeyPem}. */
async function storedKeyPair(
  dbPath: string,
  key: 'sandbox_app_keys' | 'sandbox_alipay_keys',
): Promise<{ privateKeyPem: string; publicKeyPem: string }> {
  const db = createClient({ url: `file:${dbPath}` });
  try {
    const result = await db.execute({
      sql: 'SELECT value FROM settings WHERE key = ?',
      args: [key],
    });
    const value = result.rows[0]?.['value'];
    if (typeof value !== 'string') throw new Error(`no setting ${key} in ${dbPath}`);
    return JSON.parse(value) as { privateKeyPem: string; publicKeyPem: string };
  } finally {
    db.close();
  }
}

/** How many top-up orders the account has, read from the database (no API lists them). */
async function ordersOf(dbPath: string, accountId: string): Promise<number> {
  const db = createClient({ url: `file:${dbPath}` });
  try {
    const result = await db.execute({
      sql: 'SELECT count(*) AS n FROM top_up_orders WHERE account_id = ?',
      args: [accountId],
    });
    return Number(result.rows[0]?.['n']);
  } finally {
    db.close();
  }
}

async function cashOf(client: WalletClient, accountId: string) {
  const account = await client.accounts.get.query({ accountId });
  return { cash: account.cash, overdue: account.overdue };
}

async function ledgerOf(client: WalletClient, accountId: string) {
  const page = await client.ledger.list.query({ accountId });
  return page.items.map((e) => [e.instrument, e.amount, e.balanceAfter, e.reason, e.refId]);
}

async function statusOf(client: WalletClient, orderId: string) {
  return (await client.cash.topUp.query({ orderId })).status;
}

// ---------------------------------------------------------------------------------------------
// Sandbox mode: the real server process, with no ALIPAY_* configuration.

describe('sandbox mode (child-process server)', () => {
  const SANDBOX = { appId: 'sandbox-app', sellerId: 'sandbox-seller' };
  let server: TestServer;
  /** The key that plays Alipay, read from the database after the first top-up. */
  let alipayKey: CryptoKey;
  /** The merchant's own sandbox key: it signs requests to Alipay, never notifies. */
  let appKey: CryptoKey;
  /** A key nobody configured. */
  let strangerKey: CryptoKey;

  beforeAll(async () => {
    server = await startServer();
    // The sandbox creates its key pairs on first use; a top-up is that first use.
    const f = await newFixture(server);
    await f.admin.cash.createTopUp.mutate({ accountId: f.accountId, amount: '1.00' });
    alipayKey = await importPrivateKey(
      (await storedKeyPair(server.dbPath, 'sandbox_alipay_keys')).privateKeyPem,
    );
    appKey = await importPrivateKey(
      (await storedKeyPair(server.dbPath, 'sandbox_app_keys')).privateKeyPem,
    );
    strangerKey = await importPrivateKey((await generateKeyPair()).privateKeyPem);
  });
  afterAll(async () => {
    await server.stop();
  });
  afterEach(async () => {
    await expectCleanAudit(server);
    expect(server.stderr()).not.toContain('unexpected error');
  });

  async function newOrder(amount: string): Promise<Fixture & Order> {
    const f = await newFixture(server);
    const created = await f.admin.cash.createTopUp.mutate({ accountId: f.accountId, amount });
    return { ...f, orderId: created.orderId, amount: created.amount };
  }

  /** The reasons the server logged for refusing notifies while `action` ran. */
  async function refusalsDuring(action: () => Promise<void>): Promise<string[]> {
    const before = server.stderr().length;
    await action();
    const reasons = () =>
      [
        ...server
          .stderr()
          .slice(before)
          .matchAll(/refused an Alipay notify: (\S+)/g),
      ].map((match) => match[1]);
    // stderr reaches this process on its own schedule; wait for the line, not for a time.
    await vi.waitFor(() => expect(reasons().length).toBeGreaterThan(0), {
      timeout: 2_000,
      interval: 10,
    });
    return reasons().filter((reason): reason is string => reason !== undefined);
  }

  describe('checkout end to end', () => {
    it('shows the order, credits the exact amount once, and refuses to credit again', async () => {
      const f = await newFixture(server);
      const created = await f.admin.cash.createTopUp.mutate({
        accountId: f.accountId,
        amount: '12345.67',
      });
      expect(created).toMatchObject({
        accountId: f.accountId,
        amount: '12345.67',
        status: 'pending',
        channel: 'alipay_sandbox',
        paidAtMs: null,
      });
      expect(created.orderId).toMatch(/^T\d{16}$/);
      // The default timeout is 30 minutes.
      expect(created.expiresAtMs - created.createdAtMs).toBe(30 * MINUTE_MS);
      const pageUrl = `${server.url}/payments/sandbox/checkout?orderId=${created.orderId}`;
      expect(created.checkout).toEqual({ pageUrl, qrCode: pageUrl });

      const page = await fetch(created.checkout.pageUrl, { headers: asAdmin(f) });
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain(`<dd data-testid="order">${created.orderId}</dd>`);
      expect(html).toContain('<dd data-testid="amount">12,345.67 CNY</dd>');
      expect(html).toContain('<dd data-testid="status">pending</dd>');
      expect(await cashOf(f.admin, f.accountId)).toEqual({ cash: '0.00', overdue: '0.00' });

      // Submit the page's own form, as a browser would.
      const action = /<form method="post" action="([^"]+)">/.exec(html)?.[1];
      const hidden = /<input type="hidden" name="orderId" value="([^"]+)"/.exec(html)?.[1];
      expect([action, hidden]).toEqual(['pay', created.orderId]);
      const payUrl = new URL(action ?? '', pageUrl).toString();
      expect(payUrl).toBe(`${server.url}/payments/sandbox/pay`);
      const paid = await postForm(payUrl, encode({ orderId: created.orderId }), asAdmin(f));
      expect(paid.status).toBe(200);
      expect(paid.body).toContain(`Paid 12,345.67 CNY for order ${created.orderId}.`);

      const afterPay = await f.admin.cash.topUp.query({ orderId: created.orderId });
      expect(afterPay.status).toBe('paid');
      expect(afterPay.paidAtMs).toEqual(expect.any(Number));
      expect(await cashOf(f.admin, f.accountId)).toEqual({ cash: '12345.67', overdue: '0.00' });
      const ledger = await f.admin.ledger.list.query({ accountId: f.accountId });
      expect(ledger.items.map((e) => [e.instrument, e.amount, e.balanceAfter, e.reason])).toEqual([
        ['cash', '12345.67', '12345.67', 'top_up'],
      ]);
      expect(ledger.items[0]).toMatchObject({ refType: 'top_up', refId: created.orderId });

      // The page now says paid and offers no form; posting the form anyway moves nothing.
      const again = await (await fetch(pageUrl, { headers: asAdmin(f) })).text();
      expect(again).toContain('<dd data-testid="status">paid</dd>');
      expect(again).toContain('This order is already paid.');
      expect(again).not.toContain('<form');
      const repaid = await postForm(payUrl, encode({ orderId: created.orderId }), asAdmin(f));
      expect(repaid.status).toBe(200);
      expect(await cashOf(f.admin, f.accountId)).toEqual({ cash: '12345.67', overdue: '0.00' });
      expect(await ledgerOf(f.admin, f.accountId)).toHaveLength(1);
      expect(await f.admin.cash.topUp.query({ orderId: created.orderId })).toEqual(afterPay);
    });

    it('answers 404 for an unknown order on both sandbox pages and credits nothing', async () => {
      const f = await newOrder('5.00');
      const unknown = 'T0000000000000000';
      const headers = asAdmin(f);
      const page = await fetch(`${server.url}/payments/sandbox/checkout?orderId=${unknown}`, {
        headers,
      });
      expect(page.status).toBe(404);
      expect(await page.text()).toContain('No such top-up order.');
      const noOrder = await fetch(`${server.url}/payments/sandbox/checkout`, { headers });
      expect(noOrder.status).toBe(404);
      const payUrl = `${server.url}/payments/sandbox/pay`;
      expect((await postForm(payUrl, 'orderId=', headers)).status).toBe(404);
      const pay = await postForm(payUrl, `orderId=${unknown}`, headers);
      expect(pay.status).toBe(404);
      expect(await statusOf(f.admin, f.orderId)).toBe('pending');
    });
  });

  describe('overdue first', () => {
    it('pays the overdue off before any of a top-up becomes cash', async () => {
      const f = await newFixture(server);
      await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '80.00'));
      expect(await cashOf(f.admin, f.accountId)).toEqual({ cash: '0.00', overdue: '80.00' });

      // Less than the overdue: all of it pays the overdue, nothing becomes cash.
      const first = await f.admin.cash.createTopUp.mutate({
        accountId: f.accountId,
        amount: '30.00',
      });
      const paidFirst = await postForm(
        `${server.url}/payments/sandbox/pay`,
        encode({ orderId: first.orderId }),
        asAdmin(f),
      );
      expect(paidFirst.status).toBe(200);
      let account = await f.admin.accounts.get.query({ accountId: f.accountId });
      expect([account.cash, account.overdue, account.balance]).toEqual(['0.00', '50.00', '-50.00']);
      expect(account.overdueSinceMs).not.toBeNull();

      // More than the overdue: the overdue is cleared and only the rest becomes cash.
      const rest = await f.admin.cash.createTopUp.mutate({
        accountId: f.accountId,
        amount: '70.25',
      });
      const paidRest = await postForm(
        `${server.url}/payments/sandbox/pay`,
        encode({ orderId: rest.orderId }),
        asAdmin(f),
      );
      expect(paidRest.status).toBe(200);
      account = await f.admin.accounts.get.query({ accountId: f.accountId });
      expect([account.cash, account.overdue, account.balance]).toEqual(['20.25', '0.00', '20.25']);
      expect(account.overdueSinceMs).toBeNull();

      const ledger = await f.admin.ledger.list.query({ accountId: f.accountId });
      const rows = ledger.items.map((e) => [
        e.instrument,
        e.amount,
        e.balanceAfter,
        e.reason,
        e.refType,
        e.refId,
      ]);
      expect(rows.slice(0, 3)).toEqual([
        ['cash', '20.25', '20.25', 'top_up', 'top_up', rest.orderId],
        ['overdue', '-50.00', '0.00', 'overdue_payoff', 'top_up', rest.orderId],
        ['overdue', '-30.00', '50.00', 'overdue_payoff', 'top_up', first.orderId],
      ]);
      expect(rows.slice(3).map((row) => row.slice(0, 4))).toEqual([
        ['overdue', '80.00', '80.00', 'charge'],
      ]);
      expect(await statusOf(f.admin, first.orderId)).toBe('paid');
      expect(await statusOf(f.admin, rest.orderId)).toBe('paid');
    });
  });

  describe('tampered and foreign notifies', () => {
    /** Every case tampers with a notify for a 1000.00 order: "1e3" would be the same money. */
    const AMOUNT = '1000.00';
    type Forge = (order: Order) => Promise<string>;
    type Fields = Record<string, string>;
    const sign = (o: Order, key: () => CryptoKey, over: Fields = {}) =>
      signNotify(notifyFields(o, SANDBOX, over), key());
    /** Signed by the sandbox's Alipay key, with these fields. */
    const signed =
      (over: Fields = {}): Forge =>
      async (o) =>
        encode(await sign(o, () => alipayKey, over));
    const byStranger =
      (over: Fields = {}): Forge =>
      async (o) =>
        encode(await sign(o, () => strangerKey, over));
    const byApp = (): Forge => async (o) => encode(await sign(o, () => appKey));
    /** Genuinely signed, then these fields changed. */
    const after =
      (over: Fields, before: Fields = {}): Forge =>
      async (o) =>
        encode({ ...(await sign(o, () => alipayKey, before)), ...over });
    const minus =
      (field: string): Forge =>
      async (o) =>
        encode(without(await sign(o, () => alipayKey), field));
    /** A genuine notify for another order, pointed at this one. */
    const retargeted = (): Forge => async (o) =>
      encode({
        ...(await sign({ ...o, orderId: 'T0000000000000001' }, () => alipayKey)),
        out_trade_no: o.orderId,
      });
    const repeated =
      (field: string, value: string): Forge =>
      async (o) =>
        `${encode(await sign(o, () => alipayKey))}&${field}=${value}`;

    // case                              forged notify                              refused for
    const CASES: readonly (readonly [string, Forge, string])[] = [
      ['amount raised after signing', after({ total_amount: '2000.00' }), 'signature'],
      ['amount raised, stranger key', byStranger({ total_amount: '2000.00' }), 'signature'],
      ['signed by a stranger key', byStranger(), 'signature'],
      // The merchant's own key signs requests to Alipay; it must never pass for Alipay's.
      ["signed by the app's own key", byApp(), 'signature'],
      [
        'status raised after signing',
        after({ trade_status: 'TRADE_SUCCESS' }, { trade_status: 'WAIT_BUYER_PAY' }),
        'signature',
      ],
      ['signed for another order', retargeted(), 'signature'],
      ['sign missing', minus('sign'), 'signature'],
      ['sign empty', after({ sign: '' }), 'signature'],
      ['sign not base64', after({ sign: '!!not*base64!!' }), 'signature'],
      // sign_type is outside the signed content: "RSA" must not downgrade the check to SHA1.
      ['sign_type RSA, RSA2 signature', after({ sign_type: 'RSA' }), 'signature'],
      ['sign_type missing', minus('sign_type'), 'signature'],
      // Correctly signed by the sandbox's Alipay key: only the field itself is wrong.
      ['app_id of another app', signed({ app_id: '2021000000000001' }), 'app_id'],
      ['seller_id of another seller', signed({ seller_id: '2088000000000009' }), 'seller_id'],
      ['seller_id missing', signed({ seller_id: '' }), 'seller_id'],
      ['out_trade_no never issued', signed({ out_trade_no: 'T0000000000000002' }), 'out_trade_no'],
      ['total_amount 1000.001', signed({ total_amount: '1000.001' }), 'total_amount'],
      ['total_amount 1e3', signed({ total_amount: '1e3' }), 'total_amount'],
      ['total_amount 999.99', signed({ total_amount: '999.99' }), 'total_amount'],
      ['total_amount 1000.00 + 0.01', signed({ total_amount: '1000.01' }), 'total_amount'],
      ['total_amount -1000.00', signed({ total_amount: '-1000.00' }), 'total_amount'],
      // A field repeated after a valid signature: no parser may pick one and carry on.
      ['total_amount repeated', repeated('total_amount', '1.00'), 'form'],
    ];

    it.each(CASES)('%s: failure, nothing credited', async (_name, forge, reason) => {
      const order = await newOrder(AMOUNT);
      const body = await forge(order);
      let reply: Reply | undefined;
      const reasons = await refusalsDuring(async () => {
        reply = await postNotify(server, body);
      });
      expect(reply).toEqual(FAILURE);
      expect(reasons).toEqual([reason]);
      expect(await cashOf(order.admin, order.accountId)).toEqual({ cash: '0.00', overdue: '0.00' });
      expect(await ledgerOf(order.admin, order.accountId)).toEqual([]);
      expect(await statusOf(order.admin, order.orderId)).toBe('pending');
    });

    it('still credits the order afterwards with a genuine notify (the refusals consumed nothing)', async () => {
      const order = await newOrder(AMOUNT);
      for (const [, forge] of CASES) {
        expect(await postNotify(server, await forge(order))).toEqual(FAILURE);
      }
      expect(await statusOf(order.admin, order.orderId)).toBe('pending');
      expect(await postNotify(server, await signed()(order))).toEqual(SUCCESS);
      expect(await cashOf(order.admin, order.accountId)).toEqual({
        cash: '1000.00',
        overdue: '0.00',
      });
      expect(await statusOf(order.admin, order.orderId)).toBe('paid');
    });
  });

  describe('replayed notifies', () => {
    it('credits once however often and however concurrently a notify arrives', async () => {
      const order = await newOrder('66.60');
      const body = encode(await signNotify(notifyFields(order, SANDBOX), alipayKey));
      const sequential: Reply[] = [];
      for (let i = 0; i < 3; i++) sequential.push(await postNotify(server, body));
      const concurrent = await Promise.all(
        Array.from({ length: 5 }, () => postNotify(server, body)),
      );
      expect([...sequential, ...concurrent]).toEqual(Array.from({ length: 8 }, () => SUCCESS));
      const paid = await order.admin.cash.topUp.query({ orderId: order.orderId });
      expect(paid.status).toBe('paid');
      expect(await cashOf(order.admin, order.accountId)).toEqual({
        cash: '66.60',
        overdue: '0.00',
      });
      expect(await ledgerOf(order.admin, order.accountId)).toEqual([
        ['cash', '66.60', '66.60', 'top_up', order.orderId],
      ]);

      // Alipay later sends TRADE_FINISHED for the same trade (a new notify_id): no new credit.
      const finished = notifyFields(order, SANDBOX, { trade_status: 'TRADE_FINISHED' });
      expect(await postNotify(server, encode(await signNotify(finished, alipayKey)))).toEqual(
        SUCCESS,
      );
      expect(await cashOf(order.admin, order.accountId)).toEqual({
        cash: '66.60',
        overdue: '0.00',
      });
      expect(await ledgerOf(order.admin, order.accountId)).toHaveLength(1);
      expect(await order.admin.cash.topUp.query({ orderId: order.orderId })).toEqual(paid);
    });

    it('credits each order once when several orders of one account are paid at once', async () => {
      const f = await newFixture(server);
      const amounts = ['0.01', '1.10', '20.00', '300.45', '4000.00', '0.99'];
      const orders = await Promise.all(
        amounts.map((amount) =>
          f.admin.cash.createTopUp.mutate({ accountId: f.accountId, amount }),
        ),
      );
      // Each order paid twice at once, by a notify and by the sandbox Pay button.
      const replies = await Promise.all(
        orders.flatMap((o) => [
          signNotify(notifyFields(o, SANDBOX), alipayKey).then((n) =>
            postNotify(server, encode(n)),
          ),
          postForm(
            `${server.url}/payments/sandbox/pay`,
            encode({ orderId: o.orderId }),
            asAdmin(f),
          ),
        ]),
      );
      expect(replies.map((r) => r.status)).toEqual(replies.map(() => 200));
      expect(await cashOf(f.admin, f.accountId)).toEqual({ cash: '4322.55', overdue: '0.00' });
      const ledger = await ledgerOf(f.admin, f.accountId);
      expect(ledger.map((row) => row[4]).sort()).toEqual(orders.map((o) => o.orderId).sort());
      for (const o of orders) expect(await statusOf(f.admin, o.orderId)).toBe('paid');
    });
  });

  describe('notifies that report no payment', () => {
    it.each(['WAIT_BUYER_PAY', 'TRADE_CLOSED'])(
      '%s is acknowledged and credits nothing; a later TRADE_SUCCESS still credits',
      async (tradeStatus) => {
        const order = await newOrder('42.00');
        const unpaid = notifyFields(order, SANDBOX, { trade_status: tradeStatus });
        const body = encode(await signNotify(unpaid, alipayKey));
        expect(await postNotify(server, body)).toEqual(SUCCESS);
        expect(await postNotify(server, body)).toEqual(SUCCESS);
        expect(await cashOf(order.admin, order.accountId)).toEqual({
          cash: '0.00',
          overdue: '0.00',
        });
        expect(await ledgerOf(order.admin, order.accountId)).toEqual([]);
        expect(await statusOf(order.admin, order.orderId)).toBe('pending');

        const success = await signNotify(notifyFields(order, SANDBOX), alipayKey);
        expect(await postNotify(server, encode(success))).toEqual(SUCCESS);
        expect(await cashOf(order.admin, order.accountId)).toEqual({
          cash: '42.00',
          overdue: '0.00',
        });
        expect(await statusOf(order.admin, order.orderId)).toBe('paid');
      },
    );
  });

  describe('access and validation', () => {
    it("refuses another account's admin, and lets a viewer read but not top up", async () => {
      const owner = await newOrder('15.00');
      const other = await newFixture(server);
      const forbidden = { data: { code: 'FORBIDDEN', httpStatus: 403 } };
      await expect(
        other.admin.cash.createTopUp.mutate({ accountId: owner.accountId, amount: '15.00' }),
      ).rejects.toMatchObject(forbidden);
      await expect(other.admin.cash.topUp.query({ orderId: owner.orderId })).rejects.toMatchObject(
        forbidden,
      );
      await expect(
        owner.metering.cash.createTopUp.mutate({ accountId: owner.accountId, amount: '1.00' }),
      ).rejects.toMatchObject(forbidden);

      const viewerKey = await server.operator.accounts.createApiKey.mutate({
        accountId: owner.accountId,
        role: 'viewer',
        label: 'viewer',
      });
      const viewer = server.client(viewerKey.apiKey);
      await expect(
        viewer.cash.createTopUp.mutate({ accountId: owner.accountId, amount: '1.00' }),
      ).rejects.toMatchObject(forbidden);
      expect(await statusOf(viewer, owner.orderId)).toBe('pending');
      expect(await statusOf(server.operator, owner.orderId)).toBe('pending');
      await expect(
        owner.admin.cash.topUp.query({ orderId: 'T0000000000000003' }),
      ).rejects.toMatchObject({ data: { code: 'NOT_FOUND', domainCode: 'TOP_UP_NOT_FOUND' } });
      await expect(
        server.operator.cash.createTopUp.mutate({ accountId: uid('nobody'), amount: '1.00' }),
      ).rejects.toMatchObject({ data: { code: 'NOT_FOUND', domainCode: 'ACCOUNT_NOT_FOUND' } });
      expect(await cashOf(owner.admin, owner.accountId)).toEqual({ cash: '0.00', overdue: '0.00' });
    });

    //  amount     reason the server gives
    const BAD_AMOUNTS: readonly (readonly [string, RegExp])[] = [
      ['0', /greater than zero/],
      ['0.00', /greater than zero/],
      ['-1', /non-negative decimal/],
      ['1.234', /at most two decimals/],
      ['1e3', /no exponent/],
      ['', /must not be empty/],
    ];

    it.each(BAD_AMOUNTS)('refuses top-up amount %j, naming the field', async (amount, reason) => {
      const f = await newFixture(server);
      const error = await f.admin.cash.createTopUp
        .mutate({ accountId: f.accountId, amount })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({
        data: { code: 'BAD_REQUEST', httpStatus: 400, domainCode: 'VALIDATION' },
      });
      const data = (error as { data: { issues: { path: string; message: string }[] } }).data;
      expect(data.issues.map((issue) => issue.path)).toEqual(['amount']);
      expect(data.issues[0]?.message).toMatch(reason);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Real Alipay mode: keys from configuration, in process, on a clock the test moves.

describe('real Alipay mode (in-process server, manual clock)', () => {
  const APP_ID = '2021004100000001';
  const SELLER_ID = '2088410000000001';
  const NOTIFY_URL = 'https://wallet.example.com/payments/alipay/notify';
  const TIMEOUT_MINUTES = 15;
  const REAL = { appId: APP_ID, sellerId: SELLER_ID };
  const clock = new ManualClock(Date.UTC(2026, 10, 10, 4, 0, 0, 789));
  let server: TestServer;
  /** The app's key pair: the app signs the page-pay request, Alipay verifies it. */
  let appPublicKey: CryptoKey;
  let appPrivateKey: CryptoKey;
  /** Alipay's key pair: Alipay signs notifies; the server holds only the public half. */
  let alipayPrivateKey: CryptoKey;
  let warn: MockInstance<typeof console.warn>;
  let error: MockInstance<typeof console.error>;
  /** Alipay's gateway: the expiry job asks it about an order before closing it. */
  let gateway: FakeAlipay;

  beforeAll(async () => {
    const app = await generateKeyPair();
    const alipay = await generateKeyPair();
    appPublicKey = await importPublicKey(app.publicKeyPem);
    appPrivateKey = await importPrivateKey(app.privateKeyPem);
    alipayPrivateKey = await importPrivateKey(alipay.privateKeyPem);
    gateway = await startFakeAlipay({
      appPublicKeyPem: app.publicKeyPem,
      alipayPrivateKeyPem: alipay.privateKeyPem,
      strangerPrivateKeyPem: (await generateKeyPair()).privateKeyPem,
    });
    server = await startInProcessServer(clock, {
      WALLET_PAYMENTS: 'alipay',
      ALIPAY_GATEWAY: gateway.url,
      ALIPAY_APP_ID: APP_ID,
      ALIPAY_APP_PRIVATE_KEY: app.privateKeyPem,
      ALIPAY_PUBLIC_KEY: alipay.publicKeyPem,
      ALIPAY_NOTIFY_URL: NOTIFY_URL,
      ALIPAY_SELLER_ID: SELLER_ID,
      WALLET_TOPUP_TIMEOUT_MINUTES: String(TIMEOUT_MINUTES),
    });
  });
  afterAll(async () => {
    await server.stop();
    await gateway.stop();
  });
  beforeEach(() => {
    // Refused notifies are logged with console.warn; the reasons are asserted below.
    warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // Errors are captured to be asserted in afterEach, not printed.
    error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    const errors = error.mock.calls.map((call) => call.map(String).join(' '));
    warn.mockRestore();
    error.mockRestore();
    // An unexpected console.error is a defect.
    expect(errors).toEqual([]);
    await expectCleanAudit(server);
  });

  async function newOrder(amount: string) {
    const f = await newFixture(server);
    const created = await f.admin.cash.createTopUp.mutate({ accountId: f.accountId, amount });
    return { ...f, created, orderId: created.orderId, amount: created.amount };
  }

  it('returns a page-pay URL signed with the app key, carrying order, amount and deadline', async () => {
    const { created } = await newOrder('123.45');
    const nowMs = clock.nowMs();
    expect(created).toMatchObject({
      amount: '123.45',
      status: 'pending',
      channel: 'alipay',
      createdAtMs: nowMs,
      expiresAtMs: nowMs + TIMEOUT_MINUTES * MINUTE_MS,
    });
    expect(created.checkout.qrCode).toBe(created.checkout.pageUrl);

    const url = new URL(created.checkout.pageUrl);
    expect(`${url.origin}${url.pathname}`).toBe(gateway.url);
    const params = Object.fromEntries(url.searchParams);
    expect(url.searchParams.getAll('sign')).toHaveLength(1);
    const { sign, ...signedParams } = params;
    expect(signedParams).toEqual({
      app_id: APP_ID,
      method: 'alipay.trade.page.pay',
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: shanghaiDateTime(nowMs),
      version: '1.0',
      notify_url: NOTIFY_URL,
      biz_content: expect.any(String),
    });
    // 04:00:00.789 UTC is noon in Shanghai; milliseconds are dropped.
    expect(signedParams.timestamp).toBe('2026-11-10 12:00:00');
    const content = signingContent(signedParams);
    expect(await rsa2Verify(content, sign ?? '', appPublicKey)).toBe(true);
    // The signature covers the amount: the same URL with another amount does not verify.
    const raised = signingContent({
      ...signedParams,
      biz_content: (signedParams.biz_content ?? '').replace('123.45', '1.00'),
    });
    expect(await rsa2Verify(raised, sign ?? '', appPublicKey)).toBe(false);

    const biz = JSON.parse(signedParams.biz_content ?? '{}') as Record<string, unknown>;
    expect(biz).toEqual({
      out_trade_no: created.orderId,
      total_amount: '123.45',
      subject: expect.stringContaining(created.orderId),
      product_code: 'FAST_INSTANT_TRADE_PAY',
      time_expire: shanghaiDateTime(created.expiresAtMs),
    });
    expect(biz['time_expire']).toBe('2026-11-10 12:15:00');
  });

  it("credits a notify signed with Alipay's key and refuses the app's own", async () => {
    const order = await newOrder('88.88');
    const byApp = await signNotify(notifyFields(order, REAL), appPrivateKey);
    expect(await postNotify(server, encode(byApp))).toEqual(FAILURE);
    const noSeller = await signNotify(
      notifyFields(order, REAL, { seller_id: '' }),
      alipayPrivateKey,
    );
    expect(await postNotify(server, encode(noSeller))).toEqual(FAILURE);
    // The sandbox's app id is not this deployment's.
    const sandboxApp = notifyFields(order, { appId: 'sandbox-app', sellerId: SELLER_ID });
    const bySandboxApp = await signNotify(sandboxApp, alipayPrivateKey);
    expect(await postNotify(server, encode(bySandboxApp))).toEqual(FAILURE);
    expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([
      '[wallet] refused an Alipay notify: signature',
      '[wallet] refused an Alipay notify: seller_id',
      '[wallet] refused an Alipay notify: app_id',
    ]);
    expect(await statusOf(order.admin, order.orderId)).toBe('pending');

    clock.advance(MINUTE_MS);
    const genuine = await signNotify(notifyFields(order, REAL), alipayPrivateKey);
    expect(await postNotify(server, encode(genuine))).toEqual(SUCCESS);
    expect(await postNotify(server, encode(genuine))).toEqual(SUCCESS);
    const paid = await order.admin.cash.topUp.query({ orderId: order.orderId });
    expect([paid.status, paid.paidAtMs]).toEqual(['paid', clock.nowMs()]);
    expect(await cashOf(order.admin, order.accountId)).toEqual({ cash: '88.88', overdue: '0.00' });
    expect(await ledgerOf(order.admin, order.accountId)).toEqual([
      ['cash', '88.88', '88.88', 'top_up', order.orderId],
    ]);
  });

  it('has no sandbox pages: both answer 404 and nothing is credited', async () => {
    const order = await newOrder('9.99');
    const page = await fetch(`${server.url}/payments/sandbox/checkout?orderId=${order.orderId}`);
    expect(page.status).toBe(404);
    await page.body?.cancel();
    const pay = await postForm(`${server.url}/payments/sandbox/pay`, `orderId=${order.orderId}`);
    expect(pay.status).toBe(404);
    expect(await statusOf(order.admin, order.orderId)).toBe('pending');
    expect(await cashOf(order.admin, order.accountId)).toEqual({ cash: '0.00', overdue: '0.00' });
  });

  it('closes an unpaid order at its deadline, and credits money that arrives after', async () => {
    const unpaid = await newOrder('30.00');
    const paid = await newOrder('40.00');
    const genuine = (o: Order) => signNotify(notifyFields(o, REAL), alipayPrivateKey);
    expect(await postNotify(server, encode(await genuine(paid)))).toEqual(SUCCESS);

    // One millisecond before the deadline the order is still open.
    clock.set(unpaid.created.expiresAtMs - 1);
    await server.operator.admin.runExpiry.mutate();
    expect(await statusOf(unpaid.admin, unpaid.orderId)).toBe('pending');

    clock.set(unpaid.created.expiresAtMs);
    const report = await server.operator.admin.runExpiry.mutate();
    expect(report.closedTopUps).toBeGreaterThanOrEqual(1);
    expect(await statusOf(unpaid.admin, unpaid.orderId)).toBe('closed');
    // Closing moves no money, and a paid order is never closed.
    expect(await ledgerOf(unpaid.admin, unpaid.accountId)).toEqual([]);
    expect(await statusOf(paid.admin, paid.orderId)).toBe('paid');
    expect(await cashOf(paid.admin, paid.accountId)).toEqual({ cash: '40.00', overdue: '0.00' });

    // Alipay took the buyer's money just before time_expire and its notify arrives late: the
    // money was received, so it is credited, once, and the order is paid after all.
    clock.advance(5 * MINUTE_MS);
    const late = await genuine(unpaid);
    expect(await postNotify(server, encode(late))).toEqual(SUCCESS);
    expect(await postNotify(server, encode(late))).toEqual(SUCCESS);
    const afterLate = await unpaid.admin.cash.topUp.query({ orderId: unpaid.orderId });
    expect([afterLate.status, afterLate.paidAtMs]).toEqual(['paid', clock.nowMs()]);
    expect(await cashOf(unpaid.admin, unpaid.accountId)).toEqual({
      cash: '30.00',
      overdue: '0.00',
    });
    expect(await ledgerOf(unpaid.admin, unpaid.accountId)).toEqual([
      ['cash', '30.00', '30.00', 'top_up', unpaid.orderId],
    ]);
    // The expiry job does not close it again.
    await server.operator.admin.runExpiry.mutate();
    expect(await statusOf(unpaid.admin, unpaid.orderId)).toBe('paid');
  });

  it('refuses an amount Alipay cannot take with a validation error, creating no order', async () => {
    // Alipay's page pay takes 0.01 to 100000000.00; the wallet's own ceiling is higher.
    const f = await newFixture(server);
    const refused = await f.admin.cash.createTopUp
      .mutate({ accountId: f.accountId, amount: '100000000.01' })
      .catch((e: unknown) => e);
    // Refused before any order is stored: a validation error naming the amount.
    expect({
      code: (refused as { data?: { code?: string } }).data?.code,
      orders: await ordersOf(server.dbPath, f.accountId),
    }).toEqual({ code: 'BAD_REQUEST', orders: 0 });
    const exact = await f.admin.cash.createTopUp.mutate({
      accountId: f.accountId,
      amount: '100000000.00',
    });
    expect(exact.status).toBe('pending');
  });
});
