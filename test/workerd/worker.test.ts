/**
 * The Worker in workerd (Miniflare) on D1: the same app and services as on Node. A full
 * scenario through the typed client, the cron trigger expiring a voucher, and concurrent
 * charges through the Worker that never overspend.
 *
 * With WALLET_TEST_LIBSQL_URL (and WALLET_TEST_LIBSQL_AUTH_TOKEN) set, the same suite runs
 * against that libSQL server over HTTP instead of D1 (docs/OPERATIONS.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryHash } from '../../common/ledgerChain.ts';
import { amountToFen, fenToAmount, negateFen, subFen, sumFen } from '../../common/money.ts';
import type { WalletClient } from '../../server/client.ts';
import { chargeInput, recentPeriod, uid } from '../helpers/factories.ts';
import { bundleWorker, startWorker, type TestWorker } from '../helpers/worker.ts';

let worker: TestWorker;

const libsqlUrl = process.env.WALLET_TEST_LIBSQL_URL;
const backend = libsqlUrl
  ? {
      LIBSQL_URL: libsqlUrl,
      ...(process.env.WALLET_TEST_LIBSQL_AUTH_TOKEN
        ? { LIBSQL_AUTH_TOKEN: process.env.WALLET_TEST_LIBSQL_AUTH_TOKEN }
        : {}),
    }
  : {};

beforeAll(async () => {
  worker = await startWorker(bundleWorker(), backend);
}, 120_000);
afterAll(async () => {
  await worker?.stop();
});

/** A signed amount of the statement ("-3.00") in fen. */
function signedFen(amount: string): number {
  return amount.startsWith('-') ? negateFen(amountToFen(amount.slice(1))) : amountToFen(amount);
}

async function expectCleanAudit(): Promise<void> {
  const report = await worker.operator.admin.audit.query();
  expect(report.violations).toEqual([]);
}

async function newAccount(): Promise<{
  accountId: string;
  remittanceRef: string;
  workspaceId: string;
  admin: WalletClient;
  metering: WalletClient;
}> {
  const account = await worker.operator.accounts.create.mutate({ name: uid('Edge') });
  const workspace = await worker.operator.workspaces.create.mutate({
    accountId: account.id,
    workspaceId: uid('ws'),
    name: 'main',
  });
  const adminKey = await worker.operator.accounts.createApiKey.mutate({
    accountId: account.id,
    role: 'admin',
    label: 'admin',
  });
  const meteringKey = await worker.operator.admin.createApiKey.mutate({
    role: 'metering',
    label: 'metering',
  });
  return {
    accountId: account.id,
    remittanceRef: account.remittanceRef,
    workspaceId: workspace.workspaceId,
    admin: worker.client(adminKey.apiKey),
    metering: worker.client(meteringKey.apiKey, { batch: false }),
  };
}

describe(`the Worker on ${libsqlUrl ? 'libSQL over HTTP' : 'D1'}`, () => {
  it('serves health and refuses calls without a key', async () => {
    const health = await worker.fetch('/healthz');
    expect(await health.json()).toEqual({ ok: true });
    await expect(worker.client().accounts.list.query({})).rejects.toMatchObject({
      data: { code: 'UNAUTHORIZED' },
    });
  });

  it('settles general and SMS charges in order, replays, and keeps the ledger exact', async () => {
    const a = await newAccount();
    const voucher = await worker.operator.vouchers.issue.mutate({
      accountId: a.accountId,
      requestId: uid('req'),
      amount: '30.00',
      validity: { kind: 'days', days: 30 },
    });
    await worker.operator.cash.recordBankTransfer.mutate({
      reference: a.remittanceRef,
      bankSerial: uid('serial'),
      amount: '50.00',
    });

    const general = await a.metering.charges.settle.mutate(chargeInput(a.workspaceId, '45.50'));
    expect(general.parts.map((p) => [p.source, p.instrumentId, p.amount])).toEqual([
      ['regular_voucher', voucher.voucherId, '30.00'],
      ['cash', null, '15.50'],
    ]);
    const smsInput = chargeInput(a.workspaceId, '40.00', { category: 'sms' });
    const sms = await a.metering.charges.settle.mutate(smsInput);
    expect(sms.parts.map((p) => [p.source, p.amount])).toEqual([
      ['cash', '34.50'],
      ['overdue', '5.50'],
    ]);
    const replay = await a.metering.charges.settle.mutate(smsInput);
    expect(replay).toEqual({ ...sms, replayed: true });
    await expect(
      a.metering.charges.settle.mutate({ ...smsInput, amount: '40.01' }),
    ).rejects.toMatchObject({ data: { code: 'CONFLICT' } });

    const account = await a.admin.accounts.get.query({ accountId: a.accountId });
    expect([account.cash, account.overdue, account.balance]).toEqual(['0.00', '5.50', '-5.50']);
    const ledger = await a.admin.ledger.list.query({ accountId: a.accountId });
    expect(ledger.items.map((e) => [e.instrument, e.amount, e.reason])).toEqual([
      ['overdue', '5.50', 'charge'],
      ['cash', '-34.50', 'charge'],
      ['cash', '-15.50', 'charge'],
      ['regular_voucher', '-30.00', 'charge'],
      ['cash', '50.00', 'bank_transfer'],
      ['regular_voucher', '30.00', 'voucher_issue'],
    ]);
    await expectCleanAudit();
  });

  it('answers accounts.runway from D1', async () => {
    const a = await newAccount();
    await worker.operator.cash.recordBankTransfer.mutate({
      reference: a.remittanceRef,
      bankSerial: uid('serial'),
      amount: '100.00',
    });
    await a.metering.charges.settle.mutate(
      chargeInput(a.workspaceId, '14.00', { period: recentPeriod() }),
    );
    // 86.00 left at 14/7 = 2.00 a day: 43 days.
    const runway = await a.admin.accounts.runway.query({ accountId: a.accountId });
    expect(runway.account).toMatchObject({ usable: '86.00', daily7: '2.00', days: 43 });
    expect(runway.workspaces).toMatchObject([{ workspaceId: a.workspaceId, days: 43 }]);
  });

  it('expires a voucher from the cron trigger, forfeiting its balance', async () => {
    const a = await newAccount();
    const now = Date.now();
    const voucher = await worker.operator.vouchers.issue.mutate({
      accountId: a.accountId,
      requestId: uid('req'),
      amount: '12.00',
      validity: { kind: 'fixed', validFromMs: now - 1_000, expiresAtMs: now + 2_000 },
    });
    while (Date.now() <= voucher.expiresAtMs) await new Promise((r) => setTimeout(r, 50));
    await worker.scheduled();
    const [expired] = await a.admin.vouchers.list.query({ accountId: a.accountId });
    expect(expired).toMatchObject({
      voucherId: voucher.voucherId,
      status: 'expired',
      balance: '0.00',
    });
    const entries = await a.admin.ledger.list.query({ accountId: a.accountId, reason: 'expiry' });
    expect(entries.items.map((e) => [e.instrumentId, e.amount])).toEqual([
      [voucher.voucherId, '-12.00'],
    ]);
    await expectCleanAudit();
  });

  it('never overspends under concurrent charges through the Worker', async () => {
    const a = await newAccount();
    await worker.operator.cash.recordBankTransfer.mutate({
      reference: a.remittanceRef,
      bankSerial: uid('serial'),
      amount: '100.00',
    });
    const charges = Array.from({ length: 120 }, (_, i) =>
      chargeInput(a.workspaceId, fenToAmount(((i * 7919) % 299) + 1)),
    );
    const results = await Promise.all(charges.map((c) => a.metering.charges.settle.mutate(c)));
    const totalFen = sumFen(charges.map((c) => amountToFen(c.amount)));
    const paidFen = sumFen(results.map((r) => amountToFen(r.paid)));
    const overdueFen = sumFen(results.map((r) => amountToFen(r.overdue)));
    expect(paidFen).toBe(amountToFen('100.00'));
    expect(overdueFen).toBe(subFen(totalFen, paidFen));
    const account = await a.admin.accounts.get.query({ accountId: a.accountId });
    expect([account.cash, account.overdue]).toEqual(['0.00', fenToAmount(overdueFen)]);
    await expectCleanAudit();
  });

  it("chains the ledger at the edge: workerd's Web Crypto writes the documented hashes", async () => {
    const a = await newAccount();
    await worker.operator.cash.recordBankTransfer.mutate({
      reference: a.remittanceRef,
      bankSerial: uid('serial'),
      amount: '10.00',
    });
    await Promise.all(
      ['3.00', '4.00', '5.00'].map((amount) =>
        a.metering.charges.settle.mutate(chargeInput(a.workspaceId, amount)),
      ),
    );
    const { items } = await a.admin.ledger.list.query({ accountId: a.accountId });
    const chain = [...items].reverse();
    expect(chain.map((e) => e.seq)).toEqual(chain.map((_e, i) => i + 1));
    let prevHash = '';
    for (const e of chain) {
      expect(e.prevHash).toBe(prevHash);
      // Recomputed here, on Node, from the fields the statement shows.
      const fields = {
        ...e,
        amountFen: signedFen(e.amount),
        balanceFenAfter: e.balanceAfter === null ? null : signedFen(e.balanceAfter),
      };
      expect(e.hash).toBe(await entryHash(fields, e.seq ?? 0, prevHash));
      prevHash = e.hash ?? '';
    }
    expect(await a.admin.ledger.head.query({ accountId: a.accountId })).toEqual({
      accountId: a.accountId,
      seq: chain.length,
      hash: prevHash,
    });
    await expectCleanAudit();
  });

  it('stops honouring a revoked key at its very next request', async () => {
    const a = await newAccount();
    const key = await worker.operator.accounts.createApiKey.mutate({
      accountId: a.accountId,
      role: 'viewer',
      label: uid('viewer'),
    });
    const viewer = worker.client(key.apiKey);
    await expect(viewer.accounts.get.query({ accountId: a.accountId })).resolves.toBeDefined();
    await a.admin.apiKeys.revoke.mutate({ keyId: key.keyId });
    await expect(viewer.accounts.get.query({ accountId: a.accountId })).rejects.toMatchObject({
      data: { code: 'UNAUTHORIZED' },
    });
  });

  // The rows are planted through the D1 binding, which the libSQL variant does not use.
  it.skipIf(libsqlUrl)('prunes expired sessions and throttling rows from the cron', async () => {
    const d1 = await worker.mf.getD1Database('DB');
    const userId = uid('usr');
    const now = Date.now();
    await d1.batch([
      d1
        .prepare(
          `INSERT INTO users (id, email, name, password_salt_hex, password_hash_hex,
             password_iterations, created_at_ms) VALUES (?, ?, 'P', '00', '00', 1, ?)`,
        )
        .bind(userId, `${userId}@edge.test`, now),
      d1
        .prepare(
          `INSERT INTO sessions (id_hash_hex, public_id, user_id, created_at_ms, expires_at_ms)
           VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)`,
        )
        .bind(
          `old-${userId}`,
          `ses_old_${userId}`,
          userId,
          0,
          1,
          `new-${userId}`,
          `ses_new_${userId}`,
          userId,
          now,
          now + 3_600_000,
        ),
      d1
        .prepare(
          `INSERT INTO rate_limits (key, window_start_ms, count, expires_at_ms)
           VALUES (?, 0, 1, 1), (?, ?, 1, ?)`,
        )
        .bind(`old:${userId}`, `new:${userId}`, now, now + 3_600_000),
    ]);
    await worker.scheduled();
    const left = await d1
      .prepare(
        `SELECT (SELECT group_concat(public_id) FROM sessions WHERE user_id = ?1) AS sessions,
                (SELECT group_concat(key) FROM rate_limits WHERE key LIKE '%:' || ?1) AS keys`,
      )
      .bind(userId)
      .first();
    expect(left).toEqual({ sessions: `ses_new_${userId}`, keys: `new:${userId}` });
  });
});
