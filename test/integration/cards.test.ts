/**
 * Prepaid cards bought with cash, through the real server and the typed client: validation,
 * cash that must cover the order (never overdue), the discount-voucher tiers (the highest
 * tier an order's total reaches), the quote the UI shows, the cards and the ledger, where
 * the discount voucher pays, idempotent replay, who may buy, and that no path takes money
 * back out of a card.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { prepaidCardsRouter } from '../../server/trpc/routers/prepaidCards.ts';
import { appRouter } from '../../server/trpc/router.ts';
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
import { startServer, type TestServer } from '../helpers/server.ts';

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const CHAR = '[0-9A-HJKMNP-TV-Z]';

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

type PurchaseInput = Parameters<WalletClient['prepaidCards']['purchase']['mutate']>[0];

function purchaseInput(f: Fixture, denomination: string, quantity: number): PurchaseInput {
  return { accountId: f.accountId, requestId: uid('buy'), denomination, quantity };
}

/** Everything a purchase could change, as the account's admin reads it. */
async function walletOf(f: Fixture) {
  const [account, cards, vouchers, ledger] = await Promise.all([
    f.admin.accounts.get.query({ accountId: f.accountId }),
    f.admin.prepaidCards.list.query({ accountId: f.accountId }),
    f.admin.vouchers.list.query({ accountId: f.accountId }),
    f.admin.ledger.list.query({ accountId: f.accountId }),
  ]);
  return { account, cards, vouchers, ledger: ledger.items };
}

/** An instant as a wall-clock time in Shanghai, "2026-11-26T20:57:31.123Z" style. */
function shanghai(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString();
}

describe('prepaidCards.purchase and quote refuse bad input, naming the field', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '100000.00');
  });

  //  field            value        reason
  const BAD_INPUT: readonly (readonly ['denomination' | 'quantity', unknown, RegExp])[] = [
    ['denomination', '150.00', /multiple of 100\.00/],
    ['denomination', '0', /greater than zero|multiple of 100\.00/],
    ['denomination', '-100', /non-negative decimal/],
    ['denomination', '100.50', /multiple of 100\.00/],
    ['denomination', '99.00', /at least 100\.00/],
    ['denomination', 100, /decimal string/], // a JSON number is never money
    ['quantity', 0, /at least 1/],
    ['quantity', 101, /at most 100/],
    ['quantity', 1.5, /whole number/],
  ];

  it.each(BAD_INPUT)('refuses %s %j', async (field, value, reason) => {
    const before = await walletOf(f);
    const input = { ...purchaseInput(f, '100.00', 1), [field]: value } as PurchaseInput;
    const { accountId: _a, requestId: _r, ...quoteInput } = input;
    for (const call of [
      f.admin.prepaidCards.purchase.mutate(input),
      f.admin.prepaidCards.quote.query(quoteInput),
    ]) {
      const error = await call.catch((e: unknown) => e);
      expect(error).toMatchObject({
        data: { code: 'BAD_REQUEST', httpStatus: 400, domainCode: 'VALIDATION' },
      });
      const issues = (error as { data: { issues: { path: string; message: string }[] } }).data
        .issues;
      expect(issues.map((issue) => issue.path)).toEqual(issues.map(() => field));
      expect(issues.length).toBeGreaterThan(0);
      expect(issues.map((issue) => issue.message).join('; ')).toMatch(reason);
    }
    expect(await walletOf(f)).toEqual(before);
  });
});

describe('prepaidCards.purchase is paid from cash, which must cover it', () => {
  it('refuses an order above the cash; vouchers and cards do not count', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '999.99');
    await server.operator.vouchers.issue.mutate({
      accountId: f.accountId,
      requestId: uid('req'),
      amount: '5000.00',
      validity: { kind: 'days', days: 30 },
    });
    const partner = await serviceClient(server, 'partner');
    await partner.prepaidCards.distribute.mutate({
      accountId: f.accountId,
      distributionId: uid('d'),
      amount: '5000.00',
    });
    const before = await walletOf(f);
    const input = purchaseInput(f, '100.00', 10);

    const error = await f.admin.prepaidCards.purchase.mutate(input).catch((e: unknown) => e);
    expect(error).toMatchObject({
      data: { code: 'PRECONDITION_FAILED', domainCode: 'INSUFFICIENT_CASH' },
    });
    expect(await walletOf(f)).toEqual(before);

    // The refusal was not remembered: with one more fen the same request goes through, and
    // leaves cash at zero, not below.
    await fundCash(server, f.remittanceRef, '0.01');
    const bought = await f.admin.prepaidCards.purchase.mutate(input);
    expect([bought.total, bought.cashAfter, bought.replayed]).toEqual(['1000.00', '0.00', false]);
    const account = await f.admin.accounts.get.query({ accountId: f.accountId });
    expect([account.cash, account.overdue, account.overdueSinceMs]).toEqual(['0.00', '0.00', null]);
  });

  it('never creates overdue: an overdue account cannot buy; its debt is unchanged', async () => {
    const f = await newFixture(server);
    await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '10.00'));
    const before = await walletOf(f);
    expect([before.account.cash, before.account.overdue]).toEqual(['0.00', '10.00']);
    await expect(
      f.admin.prepaidCards.purchase.mutate(purchaseInput(f, '100.00', 1)),
    ).rejects.toMatchObject({ data: { domainCode: 'INSUFFICIENT_CASH' } });
    expect(await walletOf(f)).toEqual(before);
  });

  it('lets only one of several orders racing for the same cash through', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '100.00');
    const key = await server.operator.accounts.createApiKey.mutate({
      accountId: f.accountId,
      role: 'admin',
      label: 'admin',
    });
    const admin = server.client(key.apiKey, { batch: false });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 5 }, () =>
        admin.prepaidCards.purchase.mutate(purchaseInput(f, '100.00', 1)),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes) {
      if (o.status === 'rejected') {
        expect(o.reason).toMatchObject({ data: { domainCode: 'INSUFFICIENT_CASH' } });
      }
    }
    const wallet = await walletOf(f);
    expect([wallet.account.cash, wallet.account.overdue, wallet.cards.length]).toEqual([
      '0.00',
      '0.00',
      1,
    ]);
  });
});

describe('discount-voucher tiers of one order', () => {
  // Default tiers: 10,000 → 1,000; 30,000 → 5,000; 100,000 → 20,000. Card denominations
  // step by 100, so 9,900 is the largest total below the first tier.
  //  denomination  quantity  total        tier reached  discount voucher
  const TIERS: readonly (readonly [string, number, string, string | null, string | null])[] = [
    ['100.00', 99, '9900.00', null, null],
    ['10000.00', 1, '10000.00', '10000.00', '1000.00'],
    ['2300.00', 13, '29900.00', '10000.00', '1000.00'],
    ['3000.00', 10, '30000.00', '30000.00', '5000.00'],
    ['3700.00', 27, '99900.00', '30000.00', '5000.00'],
    ['1000.00', 100, '100000.00', '100000.00', '20000.00'],
    ['10000.00', 3, '30000.00', '30000.00', '5000.00'], // one 5,000, not three 1,000s
  ];

  it.each(TIERS)(
    '%s × %i = %s earns the voucher of tier %s: %s',
    async (denomination, quantity, total, tier, voucher) => {
      const f = await newFixture(server);
      await fundCash(server, f.remittanceRef, total);
      const quote = await f.admin.prepaidCards.quote.query({ denomination, quantity });
      expect(quote).toEqual({
        denomination,
        quantity,
        total,
        discountVoucher: voucher,
        tierThreshold: tier,
      });

      const input = purchaseInput(f, denomination, quantity);
      const bought = await f.admin.prepaidCards.purchase.mutate(input);
      expect([bought.total, bought.cashAfter, bought.cards.length]).toEqual([
        total,
        '0.00',
        quantity,
      ]);
      expect(bought.discountVoucher?.denomination ?? null).toBe(voucher);
      const vouchers = await f.admin.vouchers.list.query({ accountId: f.accountId });
      expect(vouchers.map((v) => [v.type, v.denomination, v.balance])).toEqual(
        voucher ? [['discount', voucher, voucher]] : [],
      );
    },
  );

  it('quotes without writing anything', async () => {
    const f = await newFixture(server);
    const before = await walletOf(f);
    await expect(
      f.admin.prepaidCards.quote.query({ denomination: '500.00', quantity: 60 }),
    ).resolves.toEqual({
      denomination: '500.00',
      quantity: 60,
      total: '30000.00',
      discountVoucher: '5000.00',
      tierThreshold: '30000.00',
    });
    expect(await walletOf(f)).toEqual(before);
  });
});

describe('what a purchase makes', () => {
  it('cards with unique readable numbers, valid a year; cash drops by the total', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '2000.00');
    const before = Date.now();
    const bought = await f.admin.prepaidCards.purchase.mutate(purchaseInput(f, '500.00', 3));
    const after = Date.now();

    expect([bought.total, bought.cashAfter, bought.discountVoucher]).toEqual([
      '1500.00',
      '500.00',
      null,
    ]);
    expect(new Set(bought.cards.map((c) => c.number)).size).toBe(3);
    expect(new Set(bought.cards.map((c) => c.cardId)).size).toBe(3);
    for (const card of bought.cards) {
      expect(card).toMatchObject({
        accountId: f.accountId,
        denomination: '500.00',
        balance: '500.00',
        status: 'active',
        source: 'cash_purchase',
        partnerId: null,
      });
      expect(card.number).toMatch(new RegExp(`^C-${CHAR}{4}-${CHAR}{4}-${CHAR}{4}$`));
      expect(card.purchasedAtMs).toBeGreaterThanOrEqual(before);
      expect(card.purchasedAtMs).toBeLessThanOrEqual(after);
      expect(card.validFromMs).toBe(card.purchasedAtMs);
      // One calendar year in Shanghai: the same wall-clock instant, the year after.
      const local = shanghai(card.purchasedAtMs);
      const nextYear = `${Number(local.slice(0, 4)) + 1}${local.slice(4)}`;
      expect(shanghai(card.expiresAtMs)).toBe(nextYear);
    }
    const byNumber = <T extends { number: string }>(items: readonly T[]) =>
      [...items].sort((a, b) => a.number.localeCompare(b.number));
    const listed = await f.admin.prepaidCards.list.query({ accountId: f.accountId });
    expect(byNumber(listed)).toEqual(byNumber(bought.cards));

    const account = await f.admin.accounts.get.query({ accountId: f.accountId });
    expect([account.cash, account.overdue, account.prepaidCards]).toEqual([
      '500.00',
      '0.00',
      { usable: '1500.00', count: 3 },
    ]);
    const ledger = await f.admin.ledger.list.query({
      accountId: f.accountId,
      reason: 'card_purchase',
    });
    const cashEntries = ledger.items.filter((e) => e.instrument === 'cash');
    expect(cashEntries.map((e) => [e.amount, e.balanceAfter, e.refType, e.refId])).toEqual([
      ['-1500.00', '500.00', 'card_order', bought.orderId],
    ]);
    const cardEntries = ledger.items.filter((e) => e.instrument === 'prepaid_card');
    expect(cardEntries.map((e) => [e.instrumentId, e.amount, e.balanceAfter]).sort()).toEqual(
      bought.cards.map((c) => [c.cardId, '500.00', '500.00']).sort(),
    );
    expect(ledger.items).toHaveLength(4);
  });

  it('a discount voucher paying general charges after regular vouchers, before cards', async () => {
    const f = await newFixture(server);
    // The regular voucher expires last of all: the kind decides the order, not the expiry.
    const regular = await server.operator.vouchers.issue.mutate({
      accountId: f.accountId,
      requestId: uid('req'),
      amount: '50.00',
      validity: { kind: 'days', days: 400 },
    });
    await fundCash(server, f.remittanceRef, '10100.00');
    const bought = await f.admin.prepaidCards.purchase.mutate(purchaseInput(f, '10000.00', 1));
    const discount = bought.discountVoucher;
    const [card] = bought.cards;
    expect(discount).toMatchObject({
      type: 'discount',
      denomination: '1000.00',
      balance: '1000.00',
      status: 'active',
      accountId: f.accountId,
    });
    expect(discount!.validFromMs).toBe(card!.purchasedAtMs);
    expect(discount!.expiresAtMs - discount!.validFromMs).toBe(365 * DAY_MS);
    const tierEntries = await f.admin.ledger.list.query({
      accountId: f.accountId,
      reason: 'purchase_tier',
    });
    expect(tierEntries.items.map((e) => [e.instrument, e.instrumentId, e.amount])).toEqual([
      ['discount_voucher', discount!.voucherId, '1000.00'],
    ]);

    // SMS charges are never paid by vouchers, of either type.
    const sms = await f.metering.charges.settle.mutate(
      chargeInput(f.workspaceId, '10.00', { category: 'sms' }),
    );
    expect(sms.parts.map((p) => [p.source, p.amount])).toEqual([['prepaid_card', '10.00']]);
    const general = await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '11090.00'));
    expect(general.parts.map((p) => [p.source, p.instrumentId, p.amount])).toEqual([
      ['regular_voucher', regular.voucherId, '50.00'],
      ['discount_voucher', discount!.voucherId, '1000.00'],
      ['prepaid_card', card!.cardId, '9990.00'],
      ['cash', null, '50.00'],
    ]);
    expect([general.paid, general.overdue]).toEqual(['11090.00', '0.00']);
  });
});

describe('prepaidCards.purchase is idempotent on the request id', () => {
  it('buys once however often, and at once, the same request is sent', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '1000.00');
    const input = purchaseInput(f, '100.00', 2);
    const key = await server.operator.accounts.createApiKey.mutate({
      accountId: f.accountId,
      role: 'admin',
      label: 'admin',
    });
    const admin = server.client(key.apiKey, { batch: false });
    const results = await Promise.all(
      Array.from({ length: 10 }, () => admin.prepaidCards.purchase.mutate(input)),
    );
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    const first = results.find((r) => !r.replayed)!;
    for (const result of results) expect({ ...result, replayed: false }).toEqual(first);
    expect(first.cashAfter).toBe('800.00');

    const again = await f.admin.prepaidCards.purchase.mutate(input);
    expect(again).toEqual({ ...first, replayed: true });
    const wallet = await walletOf(f);
    expect(wallet.account.cash).toBe('800.00');
    expect(wallet.cards).toHaveLength(2);
    expect(
      wallet.ledger.filter((e) => e.instrument === 'cash' && e.reason === 'card_purchase'),
    ).toHaveLength(1);
  });

  it('refuses the same request id with another order as a conflict', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '1000.00');
    const input = purchaseInput(f, '100.00', 2);
    await f.admin.prepaidCards.purchase.mutate(input);
    const before = await walletOf(f);
    for (const changed of [
      { ...input, quantity: 3 },
      { ...input, denomination: '200.00' },
    ]) {
      await expect(f.admin.prepaidCards.purchase.mutate(changed)).rejects.toMatchObject({
        data: { code: 'CONFLICT', domainCode: 'IDEMPOTENCY_CONFLICT' },
      });
    }
    expect(await walletOf(f)).toEqual(before);
    // Request ids belong to an account: another account may use the same one.
    const other = await newFixture(server);
    await fundCash(server, other.remittanceRef, '200.00');
    await expect(
      other.admin.prepaidCards.purchase.mutate({ ...input, accountId: other.accountId }),
    ).resolves.toMatchObject({ replayed: false, cashAfter: '0.00' });
  });
});

describe('who may buy, and what no one may do with a card', () => {
  it("refuses a viewer, another account's admin, the metering service and partners", async () => {
    const f = await newFixture(server);
    const stranger = await newFixture(server);
    await fundCash(server, f.remittanceRef, '500.00');
    const viewer = await server.operator.accounts.createApiKey.mutate({
      accountId: f.accountId,
      role: 'viewer',
      label: 'viewer',
    });
    const partner = await serviceClient(server, 'partner');
    const before = await walletOf(f);
    for (const client of [server.client(viewer.apiKey), stranger.admin, f.metering, partner]) {
      await expect(
        client.prepaidCards.purchase.mutate(purchaseInput(f, '100.00', 1)),
      ).rejects.toMatchObject({ data: { code: 'FORBIDDEN', domainCode: 'FORBIDDEN' } });
    }
    await expect(
      server.client().prepaidCards.purchase.mutate(purchaseInput(f, '100.00', 1)),
    ).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    expect(await walletOf(f)).toEqual(before);
  });

  it('lists the configured tiers, lowest first, for the UI to name the next one', async () => {
    const f = await newFixture(server);
    await expect(f.admin.prepaidCards.tiers.query()).resolves.toEqual([
      { threshold: '10000.00', voucher: '1000.00' },
      { threshold: '30000.00', voucher: '5000.00' },
      { threshold: '100000.00', voucher: '20000.00' },
    ]);
  });

  it('has no procedure to transfer, refund or cash out a card', async () => {
    expect(Object.keys(prepaidCardsRouter._def.record).sort()).toEqual([
      'distribute',
      'list',
      'purchase',
      'quote',
      'tiers',
    ]);
    const cardPaths = Object.keys(appRouter._def.procedures).filter((path) =>
      path.startsWith('prepaidCards.'),
    );
    expect(cardPaths.sort()).toEqual([
      'prepaidCards.distribute',
      'prepaidCards.list',
      'prepaidCards.purchase',
      'prepaidCards.quote',
      'prepaidCards.tiers',
    ]);
    const anywhere = Object.keys(appRouter._def.procedures).filter(
      (path) => /card/i.test(path) && /transfer|refund|cash.?out|withdraw|redeem/i.test(path),
    );
    expect(anywhere).toEqual([]);

    // And the server answers such a call as an unknown procedure.
    const f = await newFixture(server);
    const key = await server.operator.accounts.createApiKey.mutate({
      accountId: f.accountId,
      role: 'admin',
      label: 'admin',
    });
    for (const procedure of ['transfer', 'refund', 'cashOut']) {
      const response = await fetch(`${server.url}/trpc/prepaidCards.${procedure}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ accountId: f.accountId }),
      });
      expect(response.status).toBe(404);
      const body = (await response.json()) as { error: { data: { code: string } } };
      expect(body.error.data.code).toBe('NOT_FOUND');
    }
  });
});
