/**
 * No double spending across processes. Two real server processes share one database file;
 * hundreds of charges race against one account whose balance covers only part of them, some
 * charge ids sent to both processes at once.
 *
 * Invariants checked after the race:
 * - every charge id is settled exactly once, and the parts of all charges add up to the
 *   total charged;
 * - exactly the account's funds were spent (vouchers, card and cash all used up), the rest
 *   went to overdue, nothing is negative;
 * - the audit is clean.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amountToFen, fenToAmount, subFen, sumFen } from '../../common/money.ts';
import {
  chargeInput,
  expectCleanAudit,
  fundCash,
  newFixture,
  serviceClient,
  uid,
} from '../helpers/factories.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

let first: TestServer;
let second: TestServer;

beforeAll(async () => {
  first = await startServer();
  second = await startServer({ dbPath: first.dbPath, operatorKey: first.operatorKey });
});
afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
});

/** A deterministic spread of amounts from 0.01 to 9.99. */
function amountFor(i: number): string {
  return fenToAmount(((i * 7919) % 999) + 1);
}

describe('two processes, one database', () => {
  it('never spends the same fen twice on a hot account', async () => {
    const f = await newFixture(first);
    const partner = await serviceClient(first, 'partner');
    for (const amount of ['100.00', '100.00']) {
      await first.operator.vouchers.issue.mutate({
        accountId: f.accountId,
        requestId: uid('req'),
        amount,
        validity: { kind: 'days', days: 30 },
      });
    }
    await partner.prepaidCards.distribute.mutate({
      accountId: f.accountId,
      distributionId: uid('d'),
      amount: '150.00',
    });
    await fundCash(first, f.remittanceRef, '200.00');
    const fundsFen = amountToFen('550.00');

    const meteringKey = await first.operator.admin.createApiKey.mutate({
      role: 'metering',
      label: 'm',
    });
    const viaFirst = first.client(meteringKey.apiKey, { batch: false });
    const viaSecond = second.client(meteringKey.apiKey, { batch: false });
    const charges = Array.from({ length: 400 }, (_, i) =>
      chargeInput(f.workspaceId, amountFor(i), { chargeId: `race-${f.accountId}-${i}` }),
    );
    // The first 50 go to both processes at once: each must still settle exactly once.
    const sends = charges.flatMap((charge, i) =>
      i < 50
        ? [viaFirst.charges.settle.mutate(charge), viaSecond.charges.settle.mutate(charge)]
        : [(i % 2 === 0 ? viaFirst : viaSecond).charges.settle.mutate(charge)],
    );
    const results = await Promise.all(sends);

    expect(results).toHaveLength(450);
    expect(results.filter((r) => !r.replayed)).toHaveLength(400);
    const byId = new Map<string, (typeof results)[number]>();
    for (const result of results) {
      const seen = byId.get(result.chargeId);
      if (seen) expect({ ...result, replayed: false }).toEqual({ ...seen, replayed: false });
      byId.set(result.chargeId, result);
    }
    const settled = [...byId.values()];
    const totalFen = sumFen(charges.map((c) => amountToFen(c.amount)));
    const partsFen = sumFen(settled.flatMap((c) => c.parts.map((p) => amountToFen(p.amount))));
    const paidFen = sumFen(settled.map((c) => amountToFen(c.paid)));
    const overdueFen = sumFen(settled.map((c) => amountToFen(c.overdue)));
    expect(partsFen).toBe(totalFen);
    expect(paidFen).toBe(fundsFen);
    expect(overdueFen).toBe(subFen(totalFen, fundsFen));

    const account = await f.admin.accounts.get.query({ accountId: f.accountId });
    expect([account.cash, account.overdue]).toEqual(['0.00', fenToAmount(overdueFen)]);
    const vouchers = await f.admin.vouchers.list.query({ accountId: f.accountId });
    expect(vouchers.map((v) => [v.balance, v.status])).toEqual([
      ['0.00', 'used_up'],
      ['0.00', 'used_up'],
    ]);
    const cards = await f.admin.prepaidCards.list.query({ accountId: f.accountId });
    expect(cards.map((c) => [c.balance, c.status])).toEqual([['0.00', 'used_up']]);
    await expectCleanAudit(first);
    expect(first.stderr() + second.stderr()).not.toMatch(/error/i);
  });

  it('keeps many accounts exact when batches from both processes interleave', async () => {
    const fixtures = await Promise.all(Array.from({ length: 6 }, () => newFixture(first)));
    for (const f of fixtures) await fundCash(first, f.remittanceRef, '20.00');
    const metering = await serviceClient(first, 'metering');
    const meteringTwo = second.client(
      (await first.operator.admin.createApiKey.mutate({ role: 'metering', label: 'm2' })).apiKey,
    );
    const batches = Array.from({ length: 20 }, (_, b) =>
      fixtures.map((f, i) => chargeInput(f.workspaceId, amountFor(b * 6 + i))),
    );
    const results = await Promise.all(
      batches.map((charges, b) =>
        (b % 2 === 0 ? metering : meteringTwo).charges.settleBatch.mutate({ charges }),
      ),
    );
    expect(results.flat().every((r) => r.ok && !r.charge?.replayed)).toBe(true);
    for (const [i, f] of fixtures.entries()) {
      const chargedFen = sumFen(batches.map((charges) => amountToFen(charges[i]!.amount)));
      const account = await f.admin.accounts.get.query({ accountId: f.accountId });
      const fundsFen = amountToFen('20.00');
      const expectedCash = chargedFen >= fundsFen ? 0 : subFen(fundsFen, chargedFen);
      const expectedOverdue = chargedFen >= fundsFen ? subFen(chargedFen, fundsFen) : 0;
      expect([account.cash, account.overdue]).toEqual([
        fenToAmount(expectedCash),
        fenToAmount(expectedOverdue),
      ]);
    }
    await expectCleanAudit(first);
  });
});
