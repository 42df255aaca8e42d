/**
 * Time-dependent rules, with a clock the test controls (the app served in-process):
 * - expiry is exclusive and settlement honours it before any expiry job has run;
 * - the overview warns about instruments expiring within 30 days;
 * - the expiry job forfeits what is left by an `expiry` entry, once, and only what is left;
 * - an overdue account's billing-center workspaces have 14 days of grace, then lock, and
 *   unlock as soon as the overdue is paid off; cloud-settled workspaces are unaffected.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WalletClient } from '../../server/client.ts';
import {
  chargeInput,
  expectCleanAudit,
  fundCash,
  newFixture,
  serviceClient,
  uid,
  type Fixture,
} from '../helpers/factories.ts';
import { ManualClock, startInProcessServer } from '../helpers/inprocess.ts';
import type { TestServer } from '../helpers/server.ts';

const DAY_MS = 86_400_000;
// 2026-11-10 12:00 in Shanghai.
const T0 = Date.UTC(2026, 10, 10, 4);
const clock = new ManualClock(T0);
let server: TestServer;
let partner: WalletClient;

beforeAll(async () => {
  server = await startInProcessServer(clock);
  partner = await serviceClient(server, 'partner');
});
afterAll(async () => {
  await server.stop();
});
afterEach(async () => {
  await expectCleanAudit(server);
});

const forbidden = { data: { code: 'FORBIDDEN', domainCode: 'FORBIDDEN' } };

function issueVoucher(on: TestServer, accountId: string, amount: string, expiresAtMs: number) {
  return on.operator.vouchers.issue.mutate({
    accountId,
    requestId: uid('req'),
    amount,
    validity: { kind: 'fixed', validFromMs: T0 - DAY_MS, expiresAtMs },
  });
}

function distributeCard(by: WalletClient, accountId: string, amount: string, expiresAtMs: number) {
  return by.prepaidCards.distribute.mutate({
    accountId,
    distributionId: uid('dist'),
    amount,
    validity: { kind: 'fixed', validFromMs: T0 - DAY_MS, expiresAtMs },
  });
}

describe('settlement at the expiry boundary, before any expiry run', () => {
  // Each instrument expires at T0 + 10 days; the charge settles at that instant + offset.
  const rows = [
    { kind: 'regular_voucher', offsetMs: -1, pays: true },
    { kind: 'regular_voucher', offsetMs: 0, pays: false }, // expiresAtMs is exclusive
    { kind: 'regular_voucher', offsetMs: 1, pays: false },
    { kind: 'prepaid_card', offsetMs: -1, pays: true },
    { kind: 'prepaid_card', offsetMs: 0, pays: false }, // expiresAtMs is exclusive
    { kind: 'prepaid_card', offsetMs: 1, pays: false },
  ] as const;

  it.each(rows)('$kind at expiresAtMs $offsetMs ms: pays $pays', async (row) => {
    const { kind, offsetMs, pays } = row;
    clock.set(T0);
    const f = await newFixture(server);
    const expiresAtMs = T0 + 10 * DAY_MS;
    const instrument =
      kind === 'regular_voucher'
        ? (await issueVoucher(server, f.accountId, '100.00', expiresAtMs)).voucherId
        : (await distributeCard(partner, f.accountId, '100.00', expiresAtMs)).cardId;
    await fundCash(server, f.remittanceRef, '5.00');

    clock.set(expiresAtMs + offsetMs);
    const charge = await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '1.00'));
    expect(charge.parts.map((p) => [p.source, p.instrumentId, p.amount])).toEqual(
      pays ? [[kind, instrument, '1.00']] : [['cash', null, '1.00']],
    );
    const account = await f.admin.accounts.get.query({ accountId: f.accountId });
    const usable = kind === 'regular_voucher' ? account.regularVouchers : account.prepaidCards;
    expect(usable).toEqual(pays ? { usable: '99.00', count: 1 } : { usable: '0.00', count: 0 });
    // The same rule holds for a prepaid order's cards.
    if (kind === 'prepaid_card') {
      const order = await server.operator.orders.create.mutate({
        accountId: f.accountId,
        requestId: uid('ord'),
        product: 'package',
        amount: '2.00',
      });
      const paid = await f.admin.orders.checkout.mutate({ orderId: order.orderId, useCards: true });
      expect([paid.cardsPaid, paid.cashPaid]).toEqual(pays ? ['2.00', '0.00'] : ['0.00', '2.00']);
    }
  });
});

describe('accounts.get expiringSoon', () => {
  it('lists usable instruments expiring within 30 days, soonest first', async () => {
    clock.set(T0);
    const f = await newFixture(server);
    const rows = [
      { kind: 'voucher', expiresInMs: DAY_MS, listed: true },
      { kind: 'voucher', expiresInMs: 30 * DAY_MS, listed: true },
      { kind: 'voucher', expiresInMs: 30 * DAY_MS + 1, listed: false },
      { kind: 'voucher', expiresInMs: 31 * DAY_MS, listed: false },
      { kind: 'card', expiresInMs: 29 * DAY_MS, listed: true },
      { kind: 'card', expiresInMs: 31 * DAY_MS, listed: false },
    ] as const;
    const made: { id: string; listed: boolean; expiresAtMs: number }[] = [];
    for (const { kind, expiresInMs, listed } of rows) {
      const expiresAtMs = T0 + expiresInMs;
      const id =
        kind === 'voucher'
          ? (await issueVoucher(server, f.accountId, '10.00', expiresAtMs)).voucherId
          : (await distributeCard(partner, f.accountId, '10.00', expiresAtMs)).cardId;
      made.push({ id, listed, expiresAtMs });
    }
    const account = await f.admin.accounts.get.query({ accountId: f.accountId });
    expect(account.expiringSoon.map((i) => [i.id, i.balance, i.expiresAtMs])).toEqual(
      made
        .filter((m) => m.listed)
        .sort((a, b) => a.expiresAtMs - b.expiresAtMs)
        .map((m) => [m.id, '10.00', m.expiresAtMs]),
    );
    expect(account.expiringSoon.map((i) => i.kind)).toEqual([
      'regular_voucher',
      'prepaid_card',
      'regular_voucher',
    ]);

    // One millisecond later the 30-days-and-1-ms voucher is within 30 days too.
    clock.set(T0 + 1);
    const later = await f.admin.accounts.get.query({ accountId: f.accountId });
    expect(later.expiringSoon.map((i) => i.id)).toEqual(
      [made[0], made[4], made[1], made[2]].map((m) => m?.id),
    );
  });
});

describe('admin.runExpiry', () => {
  // Its own server: the job reports counts over the whole database.
  const ownClock = new ManualClock(T0);
  let own: TestServer;
  let ownPartner: WalletClient;

  beforeAll(async () => {
    own = await startInProcessServer(ownClock);
    ownPartner = await serviceClient(own, 'partner');
  });
  afterAll(async () => {
    await own.stop();
  });
  afterEach(async () => {
    await expectCleanAudit(own);
  });

  async function ledgerOf(f: Fixture) {
    const page = await f.admin.ledger.list.query({ accountId: f.accountId });
    return page.items;
  }

  it('forfeits what is left once, keeps partly used cards until they expire', async () => {
    ownClock.set(T0);
    const f = await newFixture(own);
    const g = await newFixture(own, 'Other');
    const usedUp = await issueVoucher(own, f.accountId, '20.00', T0 + 5 * DAY_MS);
    const voucher = await issueVoucher(own, f.accountId, '100.00', T0 + 10 * DAY_MS);
    const card = await distributeCard(ownPartner, f.accountId, '80.00', T0 + 20 * DAY_MS);
    const otherCard = await distributeCard(ownPartner, g.accountId, '40.00', T0 + 10 * DAY_MS);
    // The 20.00 voucher expires first and pays this general charge in full.
    const general = await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '20.00'));
    expect(general.parts.map((p) => [p.instrumentId, p.amount])).toEqual([
      [usedUp.voucherId, '20.00'],
    ]);
    // SMS: vouchers never pay, so the card pays 30.00 of its 80.00.
    await f.metering.charges.settle.mutate(
      chargeInput(f.workspaceId, '30.00', { category: 'sms' }),
    );

    // Past the used-up voucher's expiry: there is nothing to expire.
    ownClock.set(T0 + 10 * DAY_MS - 1);
    const none = {
      accounts: 0,
      instruments: 0,
      forfeited: '0.00',
      closedTopUps: 0,
      deferredAccounts: 0,
    };
    await expect(own.operator.admin.runExpiry.mutate()).resolves.toEqual(none);

    ownClock.set(T0 + 10 * DAY_MS);
    const vouchersBefore = await f.admin.vouchers.list.query({ accountId: f.accountId });
    expect(vouchersBefore.find((v) => v.voucherId === voucher.voucherId)).toMatchObject({
      status: 'active',
      balance: '100.00',
    });
    const first = await own.operator.admin.runExpiry.mutate();
    expect(first).toEqual({
      accounts: 2,
      instruments: 2,
      forfeited: '140.00',
      closedTopUps: 0,
      deferredAccounts: 0,
    });

    const vouchers = await f.admin.vouchers.list.query({ accountId: f.accountId });
    expect(Object.fromEntries(vouchers.map((v) => [v.voucherId, [v.status, v.balance]]))).toEqual({
      [usedUp.voucherId]: ['used_up', '0.00'],
      [voucher.voucherId]: ['expired', '0.00'],
    });
    const cards = await f.admin.prepaidCards.list.query({ accountId: f.accountId });
    expect(cards.map((c) => [c.cardId, c.status, c.balance])).toEqual([
      [card.cardId, 'active', '50.00'],
    ]);
    const [otherAfter] = await g.admin.prepaidCards.list.query({ accountId: g.accountId });
    expect([otherAfter?.cardId, otherAfter?.status, otherAfter?.balance]).toEqual([
      otherCard.cardId,
      'expired',
      '0.00',
    ]);
    const expiries = (await ledgerOf(f)).filter((e) => e.reason === 'expiry');
    expect(expiries.map((e) => [e.instrument, e.instrumentId, e.amount, e.balanceAfter])).toEqual([
      ['regular_voucher', voucher.voucherId, '-100.00', '0.00'],
    ]);
    expect(expiries[0]).toMatchObject({ refType: 'expiry', createdAtMs: T0 + 10 * DAY_MS });
    const otherExpiries = (await ledgerOf(g)).filter((e) => e.reason === 'expiry');
    expect(otherExpiries.map((e) => [e.instrument, e.amount, e.balanceAfter])).toEqual([
      ['prepaid_card', '-40.00', '0.00'],
    ]);

    // A second run finds nothing and writes nothing.
    const entries = (await ledgerOf(f)).length;
    await expect(own.operator.admin.runExpiry.mutate()).resolves.toEqual(none);
    expect(await ledgerOf(f)).toHaveLength(entries);

    // The partly used card pays until it expires, then what is left of it is forfeited.
    ownClock.set(T0 + 20 * DAY_MS - 1);
    await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '5.00'));
    ownClock.set(T0 + 20 * DAY_MS);
    await expect(own.operator.admin.runExpiry.mutate()).resolves.toEqual({
      accounts: 1,
      instruments: 1,
      forfeited: '45.00',
      deferredAccounts: 0,
      closedTopUps: 0,
    });
    const cardEntries = await f.admin.ledger.list.query({
      accountId: f.accountId,
      instrumentId: card.cardId,
    });
    expect(cardEntries.items.map((e) => [e.amount, e.balanceAfter, e.reason])).toEqual([
      ['-45.00', '0.00', 'expiry'],
      ['-5.00', '45.00', 'charge'],
      ['-30.00', '50.00', 'charge'],
      ['80.00', '80.00', 'card_distribution'],
    ]);
    const account = await f.admin.accounts.get.query({ accountId: f.accountId });
    expect([account.prepaidCards, account.regularVouchers, account.expiringSoon]).toEqual([
      { usable: '0.00', count: 0 },
      { usable: '0.00', count: 0 },
      [],
    ]);
  });

  it('is for operators only', async () => {
    ownClock.set(T0);
    const f = await newFixture(own);
    for (const client of [f.admin, f.metering, ownPartner]) {
      await expect(client.admin.runExpiry.mutate()).rejects.toMatchObject(forbidden);
    }
  });
});

describe('workspaces.status', () => {
  async function overdueFixture(atMs: number) {
    clock.set(atMs);
    const f = await newFixture(server);
    const cloud = await server.operator.workspaces.create.mutate({
      accountId: f.accountId,
      workspaceId: uid('ws-cloud'),
      name: 'cloud',
      settlement: {
        method: 'cloud_account',
        cloudProvider: 'alibaba_cloud',
        cloudAccountId: 'ali-1',
      },
    });
    return { f, cloudWorkspaceId: cloud.workspaceId };
  }

  it('gives 14 days of grace from when the account went overdue, then locks', async () => {
    const T = T0 + 3 * DAY_MS + 12_345;
    const { f, cloudWorkspaceId } = await overdueFixture(T);
    const status = (workspaceId: string) => f.metering.workspaces.status.query({ workspaceId });
    await expect(status(f.workspaceId)).resolves.toMatchObject({
      status: 'active',
      mayIngest: true,
      lockAtMs: null,
    });

    await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '10.00'));
    // A later charge adds to the debt but does not restart the grace period.
    clock.set(T + 3 * DAY_MS);
    await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '5.00'));

    const LOCK = T + 14 * DAY_MS;
    const rows = [
      { atMs: T, status: 'grace', mayIngest: true },
      { atMs: LOCK - 1, status: 'grace', mayIngest: true },
      { atMs: LOCK, status: 'locked', mayIngest: false },
      { atMs: LOCK + DAY_MS, status: 'locked', mayIngest: false },
    ] as const;
    for (const row of rows) {
      clock.set(row.atMs);
      await expect(status(f.workspaceId), `at ${row.atMs - T} ms`).resolves.toEqual({
        workspaceId: f.workspaceId,
        accountId: f.accountId,
        status: row.status,
        mayIngest: row.mayIngest,
        overdue: '15.00',
        overdueSinceMs: T,
        lockAtMs: LOCK,
        // The workspace's method was never changed: the admin may change it.
        nextMethodChangeAtMs: null,
        methodLock: null,
      });
      // The cloud-settled workspace of the same account is never held by the wallet's debt.
      await expect(status(cloudWorkspaceId)).resolves.toMatchObject({
        status: 'active',
        mayIngest: true,
        lockAtMs: null,
      });
    }
  });

  it('unlocks at once when a bank transfer pays the overdue off, not before', async () => {
    const T = T0 + 7 * DAY_MS;
    const { f } = await overdueFixture(T);
    await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '10.00'));
    clock.set(T + 20 * DAY_MS);
    const status = () => f.admin.workspaces.status.query({ workspaceId: f.workspaceId });
    await expect(status()).resolves.toMatchObject({ status: 'locked', mayIngest: false });

    await fundCash(server, f.remittanceRef, '9.99');
    await expect(status()).resolves.toMatchObject({
      status: 'locked',
      mayIngest: false,
      overdue: '0.01',
      lockAtMs: T + 14 * DAY_MS,
    });
    await fundCash(server, f.remittanceRef, '0.01');
    await expect(status()).resolves.toEqual({
      workspaceId: f.workspaceId,
      accountId: f.accountId,
      status: 'active',
      mayIngest: true,
      overdue: '0.00',
      overdueSinceMs: null,
      lockAtMs: null,
      nextMethodChangeAtMs: null,
      methodLock: null,
    });

    // Overdue again later: a fresh 14 days from then.
    const T2 = T + 25 * DAY_MS;
    clock.set(T2);
    await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '1.00'));
    await expect(status()).resolves.toMatchObject({
      status: 'grace',
      mayIngest: true,
      lockAtMs: T2 + 14 * DAY_MS,
    });
  });

  it('answers metering and the account members; not other accounts', async () => {
    clock.set(T0);
    const f = await newFixture(server);
    const other = await newFixture(server, 'Other');
    const viewerKey = await f.admin.accounts.createApiKey.mutate({
      accountId: f.accountId,
      role: 'viewer',
      label: 'viewer',
    });
    const viewer = server.client(viewerKey.apiKey);
    const input = { workspaceId: f.workspaceId };
    for (const client of [other.metering, f.admin, viewer, server.operator]) {
      await expect(client.workspaces.status.query(input)).resolves.toMatchObject({
        workspaceId: f.workspaceId,
        status: 'active',
      });
    }
    for (const client of [other.admin, partner]) {
      await expect(client.workspaces.status.query(input)).rejects.toMatchObject(forbidden);
    }
    await expect(
      f.metering.workspaces.status.query({ workspaceId: uid('no-such-ws') }),
    ).rejects.toMatchObject({ data: { code: 'NOT_FOUND', domainCode: 'WORKSPACE_NOT_FOUND' } });
  });
});
