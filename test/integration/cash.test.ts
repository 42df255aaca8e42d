/**
 * Offline bank transfers: overdue is paid first, the bank serial number is credited once,
 * and the ledger explains every fen.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chargeInput, expectCleanAudit, newFixture, uid } from '../helpers/factories.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
});
afterEach(async () => {
  await expectCleanAudit(server);
});

describe('cash.recordBankTransfer', () => {
  it('pays off the overdue first; only the rest becomes cash', async () => {
    const f = await newFixture(server);
    await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '80.00'));
    let account = await f.admin.accounts.get.query({ accountId: f.accountId });
    expect([account.cash, account.overdue, account.balance]).toEqual(['0.00', '80.00', '-80.00']);
    expect(account.overdueSinceMs).not.toBeNull();

    const partial = await server.operator.cash.recordBankTransfer.mutate({
      reference: f.remittanceRef,
      bankSerial: uid('serial'),
      amount: '30.00',
    });
    expect([partial.overduePaid, partial.cashCredited, partial.overdueAfter]).toEqual([
      '30.00',
      '0.00',
      '50.00',
    ]);
    account = await f.admin.accounts.get.query({ accountId: f.accountId });
    expect([account.cash, account.overdue]).toEqual(['0.00', '50.00']);
    expect(account.overdueSinceMs).not.toBeNull();

    const rest = await server.operator.cash.recordBankTransfer.mutate({
      reference: f.remittanceRef,
      bankSerial: uid('serial'),
      amount: '70.25',
    });
    expect([rest.overduePaid, rest.cashCredited, rest.cashAfter]).toEqual([
      '50.00',
      '20.25',
      '20.25',
    ]);
    account = await f.admin.accounts.get.query({ accountId: f.accountId });
    expect([account.cash, account.overdue, account.overdueSinceMs]).toEqual([
      '20.25',
      '0.00',
      null,
    ]);

    const ledger = await f.admin.ledger.list.query({ accountId: f.accountId });
    expect(ledger.items.map((e) => [e.instrument, e.amount, e.balanceAfter, e.reason])).toEqual([
      ['cash', '20.25', '20.25', 'bank_transfer'],
      ['overdue', '-50.00', '0.00', 'overdue_payoff'],
      ['overdue', '-30.00', '50.00', 'overdue_payoff'],
      ['overdue', '80.00', '80.00', 'charge'],
    ]);
  });

  it('credits a bank serial number once, however often and concurrently it is recorded', async () => {
    const f = await newFixture(server);
    const transfer = { reference: f.remittanceRef, bankSerial: uid('serial'), amount: '15.00' };
    const results = await Promise.all(
      Array.from({ length: 8 }, () => server.operator.cash.recordBankTransfer.mutate(transfer)),
    );
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.transferId)).size).toBe(1);
    const account = await f.admin.accounts.get.query({ accountId: f.accountId });
    expect(account.cash).toBe('15.00');
    await expect(
      server.operator.cash.recordBankTransfer.mutate({ ...transfer, amount: '16.00' }),
    ).rejects.toMatchObject({ data: { code: 'CONFLICT', domainCode: 'IDEMPOTENCY_CONFLICT' } });
  });
});

describe('vouchers and cards', () => {
  it('issues a voucher once per request id and lists it with its validity', async () => {
    const f = await newFixture(server);
    const request = {
      accountId: f.accountId,
      requestId: uid('req'),
      amount: '88.80',
      validity: { kind: 'days' as const, days: 10 },
    };
    const issued = await server.operator.vouchers.issue.mutate(request);
    const replay = await server.operator.vouchers.issue.mutate(request);
    expect(replay.voucherId).toBe(issued.voucherId);
    expect(replay.replayed).toBe(true);
    expect(issued.expiresAtMs - issued.validFromMs).toBe(10 * 86_400_000);
    expect(issued.number).toMatch(
      /^V-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/,
    );
    const list = await f.admin.vouchers.list.query({ accountId: f.accountId, status: 'active' });
    expect(list).toEqual([
      expect.objectContaining({ voucherId: issued.voucherId, balance: '88.80' }),
    ]);
    const account = await f.admin.accounts.get.query({ accountId: f.accountId });
    expect(account.regularVouchers).toEqual({ usable: '88.80', count: 1 });
    // Expires in 10 days: inside the 30-day warning window.
    expect(account.expiringSoon).toEqual([
      expect.objectContaining({ kind: 'regular_voucher', number: issued.number, balance: '88.80' }),
    ]);
  });

  it('records the partner on distributed cards, valid for a year by default', async () => {
    const f = await newFixture(server);
    const partnerKey = await server.operator.admin.createApiKey.mutate({
      role: 'partner',
      label: 'Distributor Ltd',
    });
    const partner = server.client(partnerKey.apiKey);
    const input = { accountId: f.accountId, distributionId: uid('d'), amount: '500.00' };
    const card = await partner.prepaidCards.distribute.mutate(input);
    expect(card).toMatchObject({
      source: 'partner',
      partnerId: partnerKey.keyId,
      balance: '500.00',
    });
    const days = (card.expiresAtMs - card.purchasedAtMs) / 86_400_000;
    expect(days === 365 || days === 366).toBe(true);
    await expect(partner.prepaidCards.distribute.mutate(input)).resolves.toMatchObject({
      cardId: card.cardId,
      replayed: true,
    });
    const cards = await f.admin.prepaidCards.list.query({ accountId: f.accountId });
    expect(cards.map((c) => c.cardId)).toEqual([card.cardId]);
    const account = await f.admin.accounts.get.query({ accountId: f.accountId });
    expect([account.cash, account.prepaidCards.usable]).toEqual(['0.00', '500.00']);
  });
});
