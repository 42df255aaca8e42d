/**
 * Payments at the edge: the bundled Worker in workerd (Miniflare) on D1.
 *
 * What is proven:
 * 1. Without WALLET_PAYMENTS and without ALIPAY_* secrets the Worker is a production without
 *    payments: online top-up answers PAYMENTS_NOT_CONFIGURED and stores nothing; the sandbox
 *    routes and the notify route answer 404, with or without a key.
 * 2. With WALLET_PAYMENTS=sandbox the sandbox checkout still wants the order's admin (401
 *    otherwise), and the cron trigger reconciles a payment whose notification was lost:
 *    credited once, however often the cron fires.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WalletClient } from '../../server/client.ts';
import { uid } from '../helpers/factories.ts';
import { bundleWorker, startWorker, type TestWorker } from '../helpers/worker.ts';

let script: string;

beforeAll(() => {
  script = bundleWorker();
}, 120_000);

async function newAccount(worker: TestWorker): Promise<{
  accountId: string;
  adminKey: string;
  admin: WalletClient;
}> {
  const account = await worker.operator.accounts.create.mutate({ name: uid('Edge') });
  const key = await worker.operator.accounts.createApiKey.mutate({
    accountId: account.id,
    role: 'admin',
    label: 'admin',
  });
  return { accountId: account.id, adminKey: key.apiKey, admin: worker.client(key.apiKey) };
}

function form(fields: Record<string, string>, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  };
}

describe('the Worker with no payments configured', () => {
  let worker: TestWorker;

  beforeAll(async () => {
    worker = await startWorker(script, { WALLET_PAYMENTS: '' });
  }, 120_000);
  afterAll(async () => {
    await worker?.stop();
  });

  it('refuses online top-up as not configured and has no sandbox to pay with', async () => {
    const a = await newAccount(worker);
    await expect(
      a.admin.cash.createTopUp.mutate({ accountId: a.accountId, amount: '100000000.00' }),
    ).rejects.toMatchObject({
      data: { code: 'PRECONDITION_FAILED', domainCode: 'PAYMENTS_NOT_CONFIGURED' },
    });
    expect(await a.admin.cash.paymentMode.query()).toEqual({ mode: 'not_configured' });
    const orderId = 'T0000000000000001';
    const callers: Record<string, string>[] = [{}, { authorization: `Bearer ${a.adminKey}` }];
    for (const headers of callers) {
      const page = await worker.fetch(`/payments/sandbox/checkout?orderId=${orderId}`, {
        headers,
      });
      expect(page.status).toBe(404);
      await page.body?.cancel();
      const pay = await worker.fetch('/payments/sandbox/pay', form({ orderId }, headers));
      expect(pay.status).toBe(404);
      await pay.body?.cancel();
    }
    const notify = await worker.fetch('/payments/alipay/notify', form({ out_trade_no: orderId }));
    expect(notify.status).toBe(404);
    await notify.body?.cancel();
    const account = await a.admin.accounts.get.query({ accountId: a.accountId });
    expect(account.cash).toBe('0.00');
  });
});

describe('the Worker with WALLET_PAYMENTS=sandbox', () => {
  let worker: TestWorker;

  beforeAll(async () => {
    worker = await startWorker(script, { WALLET_RECONCILE_AFTER_SECONDS: '0' });
  }, 120_000);
  afterAll(async () => {
    await worker?.stop();
  });

  it('wants the admin on the sandbox page, and the cron credits a lost notification once', async () => {
    const a = await newAccount(worker);
    const created = await a.admin.cash.createTopUp.mutate({
      accountId: a.accountId,
      amount: '321.00',
    });
    const anonymous = await worker.fetch(
      '/payments/sandbox/pay',
      form({ orderId: created.orderId }),
    );
    expect(anonymous.status).toBe(401);
    await anonymous.body?.cancel();

    const lost = await worker.fetch(
      '/payments/sandbox/pay',
      form(
        { orderId: created.orderId, notification: 'lose' },
        { authorization: `Bearer ${a.adminKey}` },
      ),
    );
    expect(lost.status).toBe(200);
    await lost.body?.cancel();
    expect((await a.admin.cash.topUp.query({ orderId: created.orderId })).status).toBe('pending');

    await worker.scheduled();
    await worker.scheduled();
    expect((await a.admin.cash.topUp.query({ orderId: created.orderId })).status).toBe('paid');
    const account = await a.admin.accounts.get.query({ accountId: a.accountId });
    expect(account.cash).toBe('321.00');
    const ledger = await a.admin.ledger.list.query({ accountId: a.accountId });
    expect(ledger.items.map((e) => [e.amount, e.reason, e.refId])).toEqual([
      ['321.00', 'top_up', created.orderId],
    ]);
    const audit = await worker.operator.admin.audit.query();
    expect(audit.violations).toEqual([]);
  });
});
