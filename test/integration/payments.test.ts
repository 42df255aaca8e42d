/**
 * Payments behind a provider (issue 8, finding 1), through the real server, the real typed
 * client, a real stand-in for Alipay's gateway on a loopback port, and the real reconciliation
 * job.
 *
 * What is proven:
 * 1. With no provider configured (no ALIPAY_* keys, no WALLET_PAYMENTS) — in production or
 *    not — online top-up answers PAYMENTS_NOT_CONFIGURED and stores nothing, and there is no
 *    sandbox to pay with: the finding was an admin's 100,000,000.00 top-up credited by one
 *    unauthenticated POST /payments/sandbox/pay.
 * 2. NODE_ENV=production refuses the sandbox: the real server process exits, saying why.
 * 3. The sandbox checkout serves only the order account's admins and operators: 401 with no
 *    session or key, 403 for another account's admin (key or session) or a viewer; the
 *    signed-in admin's session cookie pays, as in the browser.
 * 4. A sandbox payment whose notification was lost is credited by the reconciliation job
 *    exactly once (two runs at once), a late notification adds nothing, and a job racing the
 *    late notification credits once; on Node the timer runs the job by itself.
 * 5. Alipay: the job asks `alipay.trade.query` (a request signed with the app key) and
 *    credits a payment Alipay reports in a signed answer, once, also racing the late notify;
 *    an altered, stranger-signed or unsigned answer, or a gateway that is down, credits and
 *    closes nothing; an order past its deadline is closed only once Alipay says it was not
 *    paid, and credited if Alipay says it was; a reported amount that differs is refused.
 * 6. cash.reconcileTopUp lets the order's admin or an operator ask now; others are refused,
 *    the provider failing is a clear error, and the asking is throttled per order.
 * 7. cash.paymentMode tells the UI which provider answers.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import type { WalletClient } from '../../server/client.ts';
import type { WalletDeps } from '../../server/context.ts';
import { generateKeyPair, importPrivateKey } from '../../server/payments/alipay.ts';
import { reconcileTopUps } from '../../server/services/topUps/reconcileDue.ts';
import { startFakeAlipay, type FakeAlipay, type Spoil } from '../helpers/alipayGateway.ts';
import { firstSignIn } from '../helpers/people.ts';
import { expectCleanAudit, fundCash, newFixture, uid, type Fixture } from '../helpers/factories.ts';
import { ManualClock, startInProcessServer } from '../helpers/inprocess.ts';
import {
  bearer,
  paidNotify,
  postForm,
  sandboxAlipayKey,
  topUpOrdersOf,
} from '../helpers/payments.ts';
import { freshDatabasePath, startServer, type TestServer } from '../helpers/server.ts';

const MINUTE_MS = 60_000;
const SANDBOX = { appId: 'sandbox-app', sellerId: 'sandbox-seller' };
const SUCCESS = { status: 200, body: 'success' };
const NOT_CONFIGURED = {
  data: { code: 'PRECONDITION_FAILED', httpStatus: 412, domainCode: 'PAYMENTS_NOT_CONFIGURED' },
};
const FORBIDDEN = { data: { code: 'FORBIDDEN', httpStatus: 403 } };

type InProcess = TestServer & { deps: WalletDeps };

async function money(client: WalletClient, accountId: string) {
  const account = await client.accounts.get.query({ accountId });
  const ledger = await client.ledger.list.query({ accountId });
  return {
    cash: account.cash,
    ledger: ledger.items.map((e) => [e.instrument, e.amount, e.reason, e.refId]),
  };
}

async function statusOf(client: WalletClient, orderId: string) {
  return (await client.cash.topUp.query({ orderId })).status;
}

/** A person signed in to the web UI as admin (or viewer) of `accountId`, with a cookie jar. */
async function signedIn(server: TestServer, accountId: string, role: 'admin' | 'viewer') {
  const email = `${uid('person')}@acme.test`;
  const invited = await server.operator.users.invite.mutate({ accountId, email, name: 'P', role });
  const { browser } = await firstSignIn(server.url, email, invited.temporaryPassword ?? '');
  return browser;
}

// ---------------------------------------------------------------------------------------------
// 1. Nothing configured

describe('no provider configured (the real server in production, no keys, no WALLET_PAYMENTS)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ env: { NODE_ENV: 'production', WALLET_PAYMENTS: '' } });
  });
  afterAll(async () => {
    await server.stop();
  });
  afterEach(async () => {
    await expectCleanAudit(server);
    expect(server.stderr()).not.toContain('unexpected error');
  });

  it('refuses the finding’s 100,000,000.00 top-up as not configured, and stores nothing', async () => {
    const f = await newFixture(server);
    const refused = await f.admin.cash.createTopUp
      .mutate({ accountId: f.accountId, amount: '100000000.00' })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({
      ...NOT_CONFIGURED,
      message: expect.stringContaining('online top-up is not configured'),
    });
    expect(await topUpOrdersOf(server.dbPath, f.accountId)).toBe(0);
    expect(await f.admin.cash.paymentMode.query()).toEqual({ mode: 'not_configured' });
    expect(await money(f.admin, f.accountId)).toEqual({ cash: '0.00', ledger: [] });
  });

  it('has no sandbox pages and no notify endpoint: 404, with or without a key', async () => {
    const f = await newFixture(server);
    const orderId = 'T0000000000000001';
    for (const headers of [{}, bearer(f.adminKey), bearer(server.operatorKey)]) {
      const pay = await postForm(`${server.url}/payments/sandbox/pay`, { orderId }, headers);
      expect(pay.status).toBe(404);
      const page = await fetch(`${server.url}/payments/sandbox/checkout?orderId=${orderId}`, {
        headers,
      });
      expect(page.status).toBe(404);
      await page.body?.cancel();
    }
    const notify = await postForm(`${server.url}/payments/alipay/notify`, {
      out_trade_no: orderId,
    });
    expect(notify.status).toBe(404);
  });

  it('still takes bank transfers', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '12.34');
    expect((await money(f.admin, f.accountId)).cash).toBe('12.34');
  });
});

describe('no provider configured, outside production', () => {
  it('is not configured either: nothing falls back to the sandbox', async () => {
    const server = await startInProcessServer(new ManualClock(Date.UTC(2026, 10, 10)), {
      WALLET_PAYMENTS: '',
    });
    try {
      const f = await newFixture(server);
      await expect(
        f.admin.cash.createTopUp.mutate({ accountId: f.accountId, amount: '1.00' }),
      ).rejects.toMatchObject(NOT_CONFIGURED);
      expect(await topUpOrdersOf(server.dbPath, f.accountId)).toBe(0);
      await expect(reconcileTopUps(server.deps)).resolves.toMatchObject({ checked: 0 });
    } finally {
      await server.stop();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Production refuses the sandbox

describe('production refuses the sandbox', () => {
  it('the real server exits at start with WALLET_PAYMENTS=sandbox and NODE_ENV=production', async () => {
    const run = promisify(execFile);
    const outcome = await run(process.execPath, ['--import', 'tsx', 'server/node.ts'], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        WALLET_PAYMENTS: 'sandbox',
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: `file:${freshDatabasePath()}`,
      },
      timeout: 30_000,
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code?: number | null; stderr?: string }) => ({
        code: error.code,
        stderr: error.stderr ?? '',
      }),
    );
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain(
      '[wallet] cannot start: WALLET_PAYMENTS=sandbox is refused when NODE_ENV=production',
    );
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Who may use the sandbox checkout

describe('the sandbox checkout serves only the order’s admins and operators', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });
  afterEach(async () => {
    await expectCleanAudit(server);
    expect(server.stderr()).not.toContain('unexpected error');
  });

  async function order(amount: string): Promise<Fixture & { orderId: string; pageUrl: string }> {
    const f = await newFixture(server);
    const created = await f.admin.cash.createTopUp.mutate({ accountId: f.accountId, amount });
    return { ...f, orderId: created.orderId, pageUrl: created.checkout.pageUrl };
  }

  it('answers 401 with no session or key, or a forged one, and credits nothing', async () => {
    const o = await order('100000000.00');
    for (const headers of [{}, { cookie: 'aw_session=forged' }, bearer('aw_forged')]) {
      const pay = await postForm(
        `${server.url}/payments/sandbox/pay`,
        { orderId: o.orderId },
        headers,
      );
      expect(pay.status).toBe(401);
      expect(pay.body).toContain('Sign in to the wallet');
      const page = await fetch(o.pageUrl, { headers });
      expect(page.status).toBe(401);
      await page.body?.cancel();
    }
    expect(await statusOf(o.admin, o.orderId)).toBe('pending');
    expect(await money(o.admin, o.accountId)).toEqual({ cash: '0.00', ledger: [] });
  });

  it("answers 403 to another account's admin, by key or by session, and to a viewer", async () => {
    const o = await order('500.00');
    const stranger = await newFixture(server);
    const viewerKey = await server.operator.accounts.createApiKey.mutate({
      accountId: o.accountId,
      role: 'viewer',
      label: 'viewer',
    });
    const strangerSession = await signedIn(server, stranger.accountId, 'admin');
    const viewerSession = await signedIn(server, o.accountId, 'viewer');
    const callers: [Record<string, string>, typeof fetch][] = [
      [bearer(stranger.adminKey), fetch],
      [bearer(viewerKey.apiKey), fetch],
      [{}, strangerSession.fetch],
      [{}, viewerSession.fetch],
    ];
    for (const [headers, fetcher] of callers) {
      const url = `${server.url}/payments/sandbox/pay`;
      const pay = await postForm(url, { orderId: o.orderId }, headers, fetcher);
      expect(pay.status).toBe(403);
      const page = await fetcher(o.pageUrl, { headers });
      expect(page.status).toBe(403);
      await page.body?.cancel();
    }
    expect(await statusOf(o.admin, o.orderId)).toBe('pending');
    expect(await money(o.admin, o.accountId)).toEqual({ cash: '0.00', ledger: [] });
  });

  it("pays with the signed-in admin's session cookie, as the browser does; an operator may", async () => {
    const o = await order('77.70');
    const admin = await signedIn(server, o.accountId, 'admin');
    const page = await admin.fetch(o.pageUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<dd data-testid="amount">77.70 CNY</dd>');
    const pay = await postForm(
      `${server.url}/payments/sandbox/pay`,
      { orderId: o.orderId },
      {},
      admin.fetch,
    );
    expect(pay.status).toBe(200);
    expect(pay.body).toContain(`Paid 77.70 CNY for order ${o.orderId}.`);
    expect(await money(o.admin, o.accountId)).toEqual({
      cash: '77.70',
      ledger: [['cash', '77.70', 'top_up', o.orderId]],
    });

    const other = await order('1.00');
    const byOperator = await postForm(
      `${server.url}/payments/sandbox/pay`,
      { orderId: other.orderId },
      bearer(server.operatorKey),
    );
    expect(byOperator.status).toBe(200);
    expect(await statusOf(other.admin, other.orderId)).toBe('paid');
  });
});

// ---------------------------------------------------------------------------------------------
// 4. Reconciliation with the sandbox

describe('reconciliation with the sandbox (in-process server, manual clock)', () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 10, 4, 0, 0));
  let server: InProcess;

  beforeAll(async () => {
    server = await startInProcessServer(clock);
  });
  afterAll(async () => {
    await server.stop();
  });
  afterEach(async () => {
    await expectCleanAudit(server);
  });

  /** An order paid at the sandbox whose notification was lost on the way. */
  async function paidButLost(amount: string) {
    const f = await newFixture(server);
    const created = await f.admin.cash.createTopUp.mutate({ accountId: f.accountId, amount });
    const lost = await postForm(
      `${server.url}/payments/sandbox/pay`,
      { orderId: created.orderId, notification: 'lose' },
      bearer(f.adminKey),
    );
    expect(lost.status).toBe(200);
    expect(lost.body).toContain('The notification was dropped on purpose');
    expect(await statusOf(f.admin, created.orderId)).toBe('pending');
    expect(await money(f.admin, f.accountId)).toEqual({ cash: '0.00', ledger: [] });
    return { ...f, orderId: created.orderId, amount: created.amount };
  }

  it('says which provider answers', async () => {
    const f = await newFixture(server);
    expect(await f.admin.cash.paymentMode.query()).toEqual({ mode: 'sandbox' });
  });

  it('credits a payment whose notification was lost, once, however many runs at once', async () => {
    const o = await paidButLost('4321.09');
    // Too young to ask about: the notification may still be on its way.
    await reconcileTopUps(server.deps);
    expect(await statusOf(o.admin, o.orderId)).toBe('pending');

    clock.advance(2 * MINUTE_MS);
    const runs = await Promise.all([reconcileTopUps(server.deps), reconcileTopUps(server.deps)]);
    expect(runs.reduce((sum, run) => sum + run.credited, 0)).toBe(1);
    const expected = { cash: '4321.09', ledger: [['cash', '4321.09', 'top_up', o.orderId]] };
    expect(await money(o.admin, o.accountId)).toEqual(expected);
    expect(await statusOf(o.admin, o.orderId)).toBe('paid');

    // The notification turns up after all; another run follows: nothing more moves.
    const late = await paidNotify(o, SANDBOX, await sandboxAlipayKey(server.dbPath));
    expect(await postForm(`${server.url}/payments/alipay/notify`, late)).toEqual(SUCCESS);
    await reconcileTopUps(server.deps);
    expect(await money(o.admin, o.accountId)).toEqual(expected);
  });

  it('credits once when the job races the late notification', async () => {
    const o = await paidButLost('66.60');
    clock.advance(2 * MINUTE_MS);
    const late = await paidNotify(o, SANDBOX, await sandboxAlipayKey(server.dbPath));
    const [, , notify] = await Promise.all([
      reconcileTopUps(server.deps),
      reconcileTopUps(server.deps),
      postForm(`${server.url}/payments/alipay/notify`, late),
      postForm(`${server.url}/payments/alipay/notify`, late),
    ]);
    expect(notify).toEqual(SUCCESS);
    expect(await money(o.admin, o.accountId)).toEqual({
      cash: '66.60',
      ledger: [['cash', '66.60', 'top_up', o.orderId]],
    });
  });

  it('closes an unpaid order at its deadline, and takes no payment for it after', async () => {
    const f = await newFixture(server);
    const created = await f.admin.cash.createTopUp.mutate({
      accountId: f.accountId,
      amount: '5.00',
    });
    clock.set(created.expiresAtMs);
    await reconcileTopUps(server.deps);
    expect(await statusOf(f.admin, created.orderId)).toBe('closed');
    const pay = await postForm(
      `${server.url}/payments/sandbox/pay`,
      { orderId: created.orderId },
      bearer(f.adminKey),
    );
    expect(pay.status).toBe(409);
    expect(await money(f.admin, f.accountId)).toEqual({ cash: '0.00', ledger: [] });
  });
});

describe('reconciliation on the Node timer (the real server process)', () => {
  it('credits a payment whose notification was lost without anyone asking', async () => {
    const server = await startServer({
      env: { WALLET_RECONCILE_INTERVAL_SECONDS: '1', WALLET_RECONCILE_AFTER_SECONDS: '0' },
    });
    try {
      const f = await newFixture(server);
      const created = await f.admin.cash.createTopUp.mutate({
        accountId: f.accountId,
        amount: '250.00',
      });
      const lost = await postForm(
        `${server.url}/payments/sandbox/pay`,
        { orderId: created.orderId, notification: 'lose' },
        bearer(f.adminKey),
      );
      expect(lost.status).toBe(200);
      // Wait for the outcome, not for a time: the timer runs every second.
      await vi.waitFor(async () => expect(await statusOf(f.admin, created.orderId)).toBe('paid'), {
        timeout: 20_000,
        interval: 200,
      });
      expect(await money(f.admin, f.accountId)).toEqual({
        cash: '250.00',
        ledger: [['cash', '250.00', 'top_up', created.orderId]],
      });
      await expectCleanAudit(server);
      expect(server.stderr()).not.toContain('unexpected error');
    } finally {
      await server.stop();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 5 and 6. Reconciliation with Alipay, at a stand-in for its gateway

describe('reconciliation with Alipay (in-process server, a stand-in gateway, manual clock)', () => {
  const APP_ID = '2021004100000001';
  const SELLER_ID = '2088410000000001';
  const REAL = { appId: APP_ID, sellerId: SELLER_ID };
  const clock = new ManualClock(Date.UTC(2026, 10, 10, 4, 0, 0));
  let server: InProcess;
  let gateway: FakeAlipay;
  let alipayKey: CryptoKey;
  let warn: MockInstance<typeof console.warn>;
  let error: MockInstance<typeof console.error>;

  beforeAll(async () => {
    const app = await generateKeyPair();
    const alipay = await generateKeyPair();
    alipayKey = await importPrivateKey(alipay.privateKeyPem);
    gateway = await startFakeAlipay({
      appPublicKeyPem: app.publicKeyPem,
      alipayPrivateKeyPem: alipay.privateKeyPem,
      strangerPrivateKeyPem: (await generateKeyPair()).privateKeyPem,
    });
    server = await startInProcessServer(clock, {
      WALLET_PAYMENTS: 'alipay',
      ALIPAY_APP_ID: APP_ID,
      ALIPAY_APP_PRIVATE_KEY: app.privateKeyPem,
      ALIPAY_PUBLIC_KEY: alipay.publicKeyPem,
      ALIPAY_NOTIFY_URL: 'https://wallet.example.com/payments/alipay/notify',
      ALIPAY_SELLER_ID: SELLER_ID,
      ALIPAY_GATEWAY: gateway.url,
    });
  });
  afterAll(async () => {
    await server.stop();
    await gateway.stop();
  });
  beforeEach(() => {
    // Unanswered queries are logged with console.warn; asserted where they matter.
    warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    gateway.spoil('none');
    const errors = error.mock.calls.map((call) => call.map(String).join(' '));
    warn.mockRestore();
    error.mockRestore();
    expect(errors).toEqual([]);
    await expectCleanAudit(server);
  });

  async function newOrder(amount: string) {
    const f = await newFixture(server);
    const created = await f.admin.cash.createTopUp.mutate({ accountId: f.accountId, amount });
    return { ...f, created, orderId: created.orderId, amount: created.amount };
  }

  const queriesFor = (orderId: string) => gateway.queries.filter((q) => q.outTradeNo === orderId);
  const credit = (o: { orderId: string; amount: string }) => ({
    cash: o.amount,
    ledger: [['cash', o.amount, 'top_up', o.orderId]],
  });

  it('says which provider answers', async () => {
    const f = await newFixture(server);
    expect(await f.admin.cash.paymentMode.query()).toEqual({ mode: 'alipay' });
  });

  it('credits a payment Alipay reports in a signed answer, once, when no notify came', async () => {
    const o = await newOrder('88.88');
    gateway.setTrade(o.orderId, { status: 'TRADE_SUCCESS', amount: '88.88' });
    clock.advance(2 * MINUTE_MS);
    const runs = await Promise.all([reconcileTopUps(server.deps), reconcileTopUps(server.deps)]);
    expect(runs.reduce((sum, run) => sum + run.credited, 0)).toBe(1);
    expect(await statusOf(o.admin, o.orderId)).toBe('paid');
    expect(await money(o.admin, o.accountId)).toEqual(credit(o));
    // Each query was alipay.trade.query for this order, signed with the app's key.
    const asked = queriesFor(o.orderId);
    expect(asked.length).toBeGreaterThanOrEqual(1);
    expect(asked.every((q) => q.method === 'alipay.trade.query' && q.signatureValid)).toBe(true);

    // Alipay's notify arrives at last; a later run asks about nothing paid.
    const late = await paidNotify(o, REAL, alipayKey);
    expect(await postForm(`${server.url}/payments/alipay/notify`, late)).toEqual(SUCCESS);
    const askedBefore = asked.length;
    await reconcileTopUps(server.deps);
    expect(queriesFor(o.orderId)).toHaveLength(askedBefore);
    expect(await money(o.admin, o.accountId)).toEqual(credit(o));
  });

  it('credits once when the job races the late notify', async () => {
    const o = await newOrder('12.30');
    gateway.setTrade(o.orderId, { status: 'TRADE_SUCCESS', amount: '12.30' });
    clock.advance(2 * MINUTE_MS);
    const late = await paidNotify(o, REAL, alipayKey);
    const replies = await Promise.all([
      postForm(`${server.url}/payments/alipay/notify`, late),
      reconcileTopUps(server.deps),
      postForm(`${server.url}/payments/alipay/notify`, late),
      reconcileTopUps(server.deps),
    ]);
    expect([replies[0], replies[2]]).toEqual([SUCCESS, SUCCESS]);
    expect(await money(o.admin, o.accountId)).toEqual(credit(o));
  });

  //  spoiled answer   what the gateway knows             why it cannot be believed
  const SPOILED: readonly (readonly [Spoil, 'TRADE_SUCCESS' | 'WAIT_BUYER_PAY'])[] = [
    ['altered', 'WAIT_BUYER_PAY'], // signed "waiting", shown as "paid"
    ['stranger', 'TRADE_SUCCESS'], // signed with a key Alipay does not hold
    ['unsigned', 'TRADE_SUCCESS'],
    ['down', 'TRADE_SUCCESS'], // HTTP 502
  ];

  it.each(SPOILED)(
    'an answer spoiled as %s credits nothing; the next good one does',
    async (how, status) => {
      const o = await newOrder('1000.00');
      gateway.setTrade(o.orderId, { status, amount: '1000.00' });
      gateway.spoil(how);
      clock.advance(2 * MINUTE_MS);
      const run = await reconcileTopUps(server.deps);
      expect(run.credited).toBe(0);
      expect(run.unresolved).toBeGreaterThanOrEqual(1);
      expect(await statusOf(o.admin, o.orderId)).toBe('pending');
      expect(await money(o.admin, o.accountId)).toEqual({ cash: '0.00', ledger: [] });
      expect(warn.mock.calls.map((call) => String(call[0]))).toContainEqual(
        expect.stringContaining(`top-up ${o.orderId} not reconciled`),
      );

      // The same trade, answered properly: only the spoiling stood in the way.
      gateway.spoil('none');
      gateway.setTrade(o.orderId, { status: 'TRADE_SUCCESS', amount: '1000.00' });
      await reconcileTopUps(server.deps);
      expect(await money(o.admin, o.accountId)).toEqual(credit(o));
    },
  );

  it('closes an order past its deadline only once Alipay says it was not paid', async () => {
    const unpaid = await newOrder('30.00');
    const paidLate = await newOrder('40.00');
    const refunded = await newOrder('50.00');
    gateway.setTrade(paidLate.orderId, { status: 'TRADE_SUCCESS', amount: '40.00' });
    gateway.setTrade(unpaid.orderId, { status: 'WAIT_BUYER_PAY', amount: '30.00' });
    gateway.setTrade(refunded.orderId, { status: 'TRADE_CLOSED', amount: '50.00' });
    clock.set(unpaid.created.expiresAtMs);

    // Alipay cannot be reached: nothing is closed (or credited) on a guess.
    gateway.spoil('down');
    expect(await server.operator.admin.runExpiry.mutate()).toMatchObject({ closedTopUps: 0 });
    for (const o of [unpaid, paidLate, refunded]) {
      expect(await statusOf(o.admin, o.orderId)).toBe('pending');
    }

    // Alipay answers: the paid one is credited, the closed one closes, the open one waits.
    gateway.spoil('none');
    expect(await server.operator.admin.runExpiry.mutate()).toMatchObject({ closedTopUps: 1 });
    expect(await statusOf(paidLate.admin, paidLate.orderId)).toBe('paid');
    expect(await money(paidLate.admin, paidLate.accountId)).toEqual(credit(paidLate));
    expect(await statusOf(refunded.admin, refunded.orderId)).toBe('closed');
    expect(await statusOf(unpaid.admin, unpaid.orderId)).toBe('pending');

    // Alipay closes the trade at time_expire (here: it no longer knows it): now it closes.
    gateway.setTrade(unpaid.orderId, null);
    await server.operator.admin.runExpiry.mutate();
    expect(await statusOf(unpaid.admin, unpaid.orderId)).toBe('closed');
    for (const o of [unpaid, refunded]) {
      expect(await money(o.admin, o.accountId)).toEqual({ cash: '0.00', ledger: [] });
    }
  });

  it('refuses a reported payment of another amount, and says so', async () => {
    const o = await newOrder('88.88');
    gateway.setTrade(o.orderId, { status: 'TRADE_SUCCESS', amount: '8.88' });
    clock.advance(2 * MINUTE_MS);
    const run = await reconcileTopUps(server.deps);
    expect(run).toMatchObject({ credited: 0 });
    expect(await statusOf(o.admin, o.orderId)).toBe('pending');
    expect(await money(o.admin, o.accountId)).toEqual({ cash: '0.00', ledger: [] });
    const logged = error.mock.calls.map((call) => String(call[0]));
    expect(logged).toEqual([expect.stringContaining(`top-up ${o.orderId}: Alipay reports a`)]);
    error.mockClear();
  });

  describe('cash.reconcileTopUp', () => {
    it("lets the order's admin ask now, without waiting for the job", async () => {
      const o = await newOrder('19.99');
      const waiting = await o.admin.cash.reconcileTopUp.mutate({ orderId: o.orderId });
      expect(waiting.status).toBe('pending');
      gateway.setTrade(o.orderId, { status: 'TRADE_SUCCESS', amount: '19.99' });
      const paid = await o.admin.cash.reconcileTopUp.mutate({ orderId: o.orderId });
      expect(paid).toMatchObject({ orderId: o.orderId, status: 'paid', amount: '19.99' });
      expect(await money(o.admin, o.accountId)).toEqual(credit(o));
      // A paid order is answered as it is, without asking Alipay again.
      const asked = queriesFor(o.orderId).length;
      await expect(o.admin.cash.reconcileTopUp.mutate({ orderId: o.orderId })).resolves.toEqual(
        paid,
      );
      expect(queriesFor(o.orderId)).toHaveLength(asked);
    });

    it('lets an operator ask, and refuses other accounts and viewers', async () => {
      const o = await newOrder('3.00');
      const stranger = await newFixture(server);
      const viewerKey = await server.operator.accounts.createApiKey.mutate({
        accountId: o.accountId,
        role: 'viewer',
        label: 'viewer',
      });
      const asked = queriesFor(o.orderId).length;
      await expect(
        stranger.admin.cash.reconcileTopUp.mutate({ orderId: o.orderId }),
      ).rejects.toMatchObject(FORBIDDEN);
      await expect(
        server.client(viewerKey.apiKey).cash.reconcileTopUp.mutate({ orderId: o.orderId }),
      ).rejects.toMatchObject(FORBIDDEN);
      await expect(
        o.admin.cash.reconcileTopUp.mutate({ orderId: 'T0000000000000009' }),
      ).rejects.toMatchObject({ data: { code: 'NOT_FOUND', domainCode: 'TOP_UP_NOT_FOUND' } });
      expect(queriesFor(o.orderId)).toHaveLength(asked);
      gateway.setTrade(o.orderId, { status: 'TRADE_SUCCESS', amount: '3.00' });
      const byOperator = await server.operator.cash.reconcileTopUp.mutate({ orderId: o.orderId });
      expect(byOperator.status).toBe('paid');
    });

    it('says when Alipay cannot be asked, and limits how often one order is asked', async () => {
      const o = await newOrder('4.00');
      gateway.spoil('down');
      await expect(
        o.admin.cash.reconcileTopUp.mutate({ orderId: o.orderId }),
      ).rejects.toMatchObject({
        data: { code: 'BAD_GATEWAY', httpStatus: 502, domainCode: 'PAYMENT_PROVIDER_UNAVAILABLE' },
      });
      gateway.spoil('none');
      for (let i = 1; i < 6; i++) {
        await o.admin.cash.reconcileTopUp.mutate({ orderId: o.orderId });
      }
      const asked = queriesFor(o.orderId).length;
      expect(asked).toBe(6);
      await expect(
        o.admin.cash.reconcileTopUp.mutate({ orderId: o.orderId }),
      ).rejects.toMatchObject({ data: { code: 'TOO_MANY_REQUESTS', domainCode: 'THROTTLED' } });
      expect(queriesFor(o.orderId)).toHaveLength(asked);
      // The window passes: asking works again.
      clock.advance(MINUTE_MS);
      await expect(
        o.admin.cash.reconcileTopUp.mutate({ orderId: o.orderId }),
      ).resolves.toMatchObject({ status: 'pending' });
    });
  });
});
