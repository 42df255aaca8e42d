/**
 * Charges through the real server and the typed client: deduction order, splits, overdue,
 * cloud accounts, idempotent replay and conflict, batches, reads and previews.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TRPCClientError } from '@trpc/client';
import {
  chargeInput,
  expectCleanAudit,
  fundCash,
  newFixture,
  serviceClient,
  uid,
} from '../helpers/factories.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
const DAY_MS = 86_400_000;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
});
afterEach(async () => {
  await expectCleanAudit(server);
});

/** Waits until the wall clock (the server's clock too) has passed `ms`. */
async function untilPast(ms: number): Promise<void> {
  while (Date.now() <= ms) await new Promise((resolve) => setTimeout(resolve, 50));
}

async function issueVoucher(accountId: string, amount: string, days: number) {
  return server.operator.vouchers.issue.mutate({
    accountId,
    requestId: uid('req'),
    amount,
    validity: { kind: 'days', days },
  });
}

async function distributeCard(accountId: string, amount: string, days: number) {
  const partner = await serviceClient(server, 'partner');
  const now = Date.now();
  return partner.prepaidCards.distribute.mutate({
    accountId,
    distributionId: uid('dist'),
    amount,
    validity: { kind: 'fixed', validFromMs: now - DAY_MS, expiresAtMs: now + days * DAY_MS },
  });
}

describe('charges.settle', () => {
  it('pays a general charge: regular vouchers, then cards, then cash, then overdue', async () => {
    const f = await newFixture(server);
    const later = await issueVoucher(f.accountId, '30.00', 60);
    const sooner = await issueVoucher(f.accountId, '20.00', 10);
    const card = await distributeCard(f.accountId, '100.00', 365);
    await fundCash(server, f.remittanceRef, '50.00');

    const charge = await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '234.56'));

    expect(charge.parts.map((p) => [p.source, p.instrumentId, p.amount, p.balanceAfter])).toEqual([
      ['regular_voucher', sooner.voucherId, '20.00', '0.00'],
      ['regular_voucher', later.voucherId, '30.00', '0.00'],
      ['prepaid_card', card.cardId, '100.00', '0.00'],
      ['cash', null, '50.00', '0.00'],
      ['overdue', null, '34.56', '34.56'],
    ]);
    expect([charge.paid, charge.overdue, charge.cloud]).toEqual(['200.00', '34.56', '0.00']);
    expect(charge.replayed).toBe(false);

    const account = await f.admin.accounts.get.query({ accountId: f.accountId });
    expect([account.cash, account.overdue, account.balance]).toEqual(['0.00', '34.56', '-34.56']);
    expect(account.overdueSinceMs).toBe(charge.settledAtMs);
    const vouchers = await f.admin.vouchers.list.query({ accountId: f.accountId });
    expect(vouchers.map((v) => v.status)).toEqual(['used_up', 'used_up']);
  });

  it('pays SMS and dial-testing charges with cards and cash only, never vouchers', async () => {
    const f = await newFixture(server);
    const voucher = await issueVoucher(f.accountId, '500.00', 30);
    await distributeCard(f.accountId, '10.00', 30);
    await fundCash(server, f.remittanceRef, '5.00');

    const sms = await f.metering.charges.settle.mutate(
      chargeInput(f.workspaceId, '12.00', { category: 'sms' }),
    );
    expect(sms.parts.map((p) => [p.source, p.amount])).toEqual([
      ['prepaid_card', '10.00'],
      ['cash', '2.00'],
    ]);
    const dial = await f.metering.charges.settle.mutate(
      chargeInput(f.workspaceId, '4.00', { category: 'dial_testing' }),
    );
    expect(dial.parts.map((p) => [p.source, p.amount])).toEqual([
      ['cash', '3.00'],
      ['overdue', '1.00'],
    ]);
    const vouchers = await f.admin.vouchers.list.query({ accountId: f.accountId });
    expect(vouchers.find((v) => v.voucherId === voucher.voucherId)?.balance).toBe('500.00');
  });

  it('bills what the wallet cannot cover to the cloud account, never to cash or overdue', async () => {
    const f = await newFixture(server);
    await server.operator.workspaces.setSettlementMethod.mutate({
      workspaceId: f.workspaceId,
      settlement: { method: 'cloud_account', cloudProvider: 'aws', cloudAccountId: '123456789012' },
    });
    await issueVoucher(f.accountId, '10.00', 30);
    await fundCash(server, f.remittanceRef, '1000.00');

    const general = await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '25.00'));
    expect(general.parts.map((p) => [p.source, p.instrumentId, p.amount])).toEqual([
      ['regular_voucher', expect.any(String), '10.00'],
      ['cloud_account', 'aws:123456789012', '15.00'],
    ]);
    expect([general.settlementMethod, general.cloud, general.overdue]).toEqual([
      'cloud_account',
      '15.00',
      '0.00',
    ]);
    const sms = await f.metering.charges.settle.mutate(
      chargeInput(f.workspaceId, '3.00', { category: 'sms' }),
    );
    expect(sms.parts.map((p) => [p.source, p.amount])).toEqual([['cloud_account', '3.00']]);
    const account = await f.admin.accounts.get.query({ accountId: f.accountId });
    expect([account.cash, account.overdue]).toEqual(['1000.00', '0.00']);
  });

  it('skips vouchers that have expired even before any expiry job ran', async () => {
    const f = await newFixture(server);
    const now = Date.now();
    const expired = await server.operator.vouchers.issue.mutate({
      accountId: f.accountId,
      requestId: uid('req'),
      amount: '100.00',
      // Valid for a few seconds from now: expired by the time the charge settles below.
      validity: { kind: 'fixed', validFromMs: now - DAY_MS, expiresAtMs: now + 2_000 },
    });
    await untilPast(expired.expiresAtMs);
    await fundCash(server, f.remittanceRef, '5.00');
    const charge = await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '5.00'));
    expect(charge.parts.map((p) => [p.source, p.amount])).toEqual([['cash', '5.00']]);
    const account = await f.admin.accounts.get.query({ accountId: f.accountId });
    expect(account.regularVouchers).toEqual({ usable: '0.00', count: 0 });
    const [voucher] = await f.admin.vouchers.list.query({ accountId: f.accountId });
    expect(voucher?.voucherId).toBe(expired.voucherId);
    expect(voucher?.balance).toBe('100.00');
  });

  it('returns the first settlement on replay and moves nothing', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '10.00');
    const input = chargeInput(f.workspaceId, '4.00');
    const first = await f.metering.charges.settle.mutate(input);
    const again = await f.metering.charges.settle.mutate(input);
    expect({ ...again, replayed: false }).toEqual(first);
    expect(again.replayed).toBe(true);
    const account = await f.admin.accounts.get.query({ accountId: f.accountId });
    expect(account.cash).toBe('6.00');
    const ledger = await f.admin.ledger.list.query({ accountId: f.accountId, reason: 'charge' });
    expect(ledger.items).toHaveLength(1);
  });

  it('refuses the same charge id with different content as a conflict', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '10.00');
    const input = chargeInput(f.workspaceId, '4.00');
    await f.metering.charges.settle.mutate(input);
    const error = await f.metering.charges.settle
      .mutate({ ...input, amount: '4.01' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<never>).data).toMatchObject({
      code: 'CONFLICT',
      domainCode: 'IDEMPOTENCY_CONFLICT',
    });
    const account = await f.admin.accounts.get.query({ accountId: f.accountId });
    expect(account.cash).toBe('6.00');
  });

  it('settles a replay raced 20 times at once exactly once', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '100.00');
    const input = chargeInput(f.workspaceId, '7.00');
    const results = await Promise.all(
      Array.from({ length: 20 }, () => f.metering.charges.settle.mutate(input)),
    );
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.settledAtMs)).size).toBe(1);
    const account = await f.admin.accounts.get.query({ accountId: f.accountId });
    expect(account.cash).toBe('93.00');
  });

  it('refuses a charge whose billing period starts in the future, and stores nothing', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '100.00');
    const before = await f.admin.ledger.list.query({ accountId: f.accountId });
    const startMs = Date.now() + 60 * 60_000;
    const future = chargeInput(f.workspaceId, '5.00', {
      period: { startMs, endMs: startMs + DAY_MS },
    });
    const refused = await f.metering.charges.settle.mutate(future).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TRPCClientError);
    expect(refused).toMatchObject({
      data: {
        code: 'BAD_REQUEST',
        domainCode: 'PERIOD_IN_FUTURE',
        issues: [{ path: 'periodStartMs' }],
      },
    });
    await expect(f.admin.charges.get.query({ chargeId: future.chargeId })).rejects.toMatchObject({
      data: { domainCode: 'CHARGE_NOT_FOUND' },
    });
    expect(await f.admin.ledger.list.query({ accountId: f.accountId })).toEqual(before);
    const account = await f.admin.accounts.get.query({ accountId: f.accountId });
    expect([account.cash, account.overdue]).toEqual(['100.00', '0.00']);

    // In a batch the item is refused on its own; its neighbour settles.
    const past = chargeInput(f.workspaceId, '1.00');
    const batch = await f.metering.charges.settleBatch.mutate({ charges: [future, past] });
    expect(batch.map((r) => [r.chargeId, r.ok, r.error?.code ?? null])).toEqual([
      [future.chargeId, false, 'PERIOD_IN_FUTURE'],
      [past.chargeId, true, null],
    ]);
  });

  it('tolerates a metering clock a minute fast', async () => {
    const f = await newFixture(server);
    const startMs = Date.now() + 60_000;
    const charge = await f.metering.charges.settle.mutate(
      chargeInput(f.workspaceId, '1.00', { period: { startMs, endMs: startMs + 60_000 } }),
    );
    expect(charge.periodStartMs).toBe(startMs);
  });

  it('refuses charges for an unknown workspace', async () => {
    const f = await newFixture(server);
    await expect(
      f.metering.charges.settle.mutate(chargeInput('no-such-workspace', '1.00')),
    ).rejects.toMatchObject({ data: { code: 'NOT_FOUND', domainCode: 'WORKSPACE_NOT_FOUND' } });
  });
});

describe('charges.settleBatch', () => {
  it('settles each charge idempotently and reports each outcome', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '10.00');
    const replayed = chargeInput(f.workspaceId, '1.00');
    await f.metering.charges.settle.mutate(replayed);
    const conflicting = chargeInput(f.workspaceId, '1.00');
    await f.metering.charges.settle.mutate(conflicting);

    const result = await f.metering.charges.settleBatch.mutate({
      charges: [
        chargeInput(f.workspaceId, '2.00'),
        replayed,
        { ...conflicting, amount: '9.99' },
        chargeInput('unknown-workspace', '1.00'),
        chargeInput(f.workspaceId, '8.00'),
      ],
    });
    expect(result.map((r) => [r.ok, r.charge?.replayed ?? null, r.error?.code ?? null])).toEqual([
      [true, false, null],
      [true, true, null],
      [false, null, 'IDEMPOTENCY_CONFLICT'],
      [false, null, 'WORKSPACE_NOT_FOUND'],
      [true, false, null],
    ]);
    // 10 - 1 - 1 - 2 = 6 in cash; the 8.00 charge takes it and leaves 2.00 overdue.
    expect(result[4]?.charge?.parts.map((p) => [p.source, p.amount])).toEqual([
      ['cash', '6.00'],
      ['overdue', '2.00'],
    ]);
  });

  it('refuses an empty batch and one above 500 charges', async () => {
    const f = await newFixture(server);
    await expect(f.metering.charges.settleBatch.mutate({ charges: [] })).rejects.toMatchObject({
      data: { code: 'BAD_REQUEST', issues: [{ path: 'charges' }] },
    });
    const many = Array.from({ length: 501 }, () => chargeInput(f.workspaceId, '0.01'));
    await expect(f.metering.charges.settleBatch.mutate({ charges: many })).rejects.toMatchObject({
      data: { code: 'BAD_REQUEST' },
    });
  });
});

describe('charges.get, list and preview', () => {
  it('reads a charge with its parts, lists by workspace and category, pages by cursor', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '100.00');
    const settled = [];
    for (const category of ['general', 'sms', 'general', 'dial_testing', 'general'] as const) {
      settled.push(
        await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '1.00', { category })),
      );
    }
    const { replayed, ...first } = settled[0]!;
    expect(replayed).toBe(false);
    const got = await f.admin.charges.get.query({ chargeId: first.chargeId });
    expect(got).toEqual(first);

    const general = await f.admin.charges.list.query({
      workspaceId: f.workspaceId,
      category: 'general',
    });
    expect(general.items).toHaveLength(3);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await f.admin.charges.list.query({
        accountId: f.accountId,
        limit: 2,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...page.items.map((c) => c.chargeId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual(settled.map((c) => c.chargeId).sort());
  });

  it('previews a charge with the shared planner and writes nothing', async () => {
    const f = await newFixture(server);
    const voucher = await issueVoucher(f.accountId, '1000.00', 30);
    await fundCash(server, f.remittanceRef, '200.00');
    const preview = await f.admin.charges.preview.query({
      workspaceId: f.workspaceId,
      category: 'general',
      amount: '1234.56',
    });
    expect(preview.parts.map((p) => [p.source, p.instrumentNumber, p.amount])).toEqual([
      ['regular_voucher', voucher.number, '1000.00'],
      ['cash', null, '200.00'],
      ['overdue', null, '34.56'],
    ]);
    expect([preview.paid, preview.remainder, preview.remainderSink]).toEqual([
      '1200.00',
      '34.56',
      'overdue',
    ]);
    const account = await f.admin.accounts.get.query({ accountId: f.accountId });
    expect([account.cash, account.regularVouchers.usable]).toEqual(['200.00', '1000.00']);
  });
});
