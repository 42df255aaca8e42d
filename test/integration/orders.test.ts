/**
 * Prepaid orders through the real server and the typed client: cards (earliest expiry first)
 * then cash pay at checkout, cash must cover the rest, vouchers never pay and no overdue is
 * ever created; a refund returns only the cash part, as cash arriving (overdue first), and
 * is refused while that cash is invoiced.
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
import { startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let partner: WalletClient;
const DAY_MS = 86_400_000;

beforeAll(async () => {
  server = await startServer();
  partner = await serviceClient(server, 'partner');
});
afterAll(async () => {
  await server.stop();
});
afterEach(async () => {
  await expectCleanAudit(server);
});

const forbidden = { data: { code: 'FORBIDDEN', domainCode: 'FORBIDDEN' } };
const insufficientCash = {
  data: { code: 'PRECONDITION_FAILED', domainCode: 'INSUFFICIENT_CASH' },
};

async function distributeCard(accountId: string, amount: string, days: number) {
  const now = Date.now();
  return partner.prepaidCards.distribute.mutate({
    accountId,
    distributionId: uid('dist'),
    amount,
    validity: { kind: 'fixed', validFromMs: now - DAY_MS, expiresAtMs: now + days * DAY_MS },
  });
}

async function createOrder(accountId: string, amount: string) {
  return server.operator.orders.create.mutate({
    accountId,
    requestId: uid('ord-req'),
    product: 'Observability Pro package',
    amount,
  });
}

async function balances(f: Fixture) {
  const account = await f.admin.accounts.get.query({ accountId: f.accountId });
  return { cash: account.cash, overdue: account.overdue };
}

async function cardStates(f: Fixture) {
  const cards = await f.admin.prepaidCards.list.query({ accountId: f.accountId });
  return Object.fromEntries(cards.map((c) => [c.cardId, [c.balance, c.status]]));
}

/** The order's ledger entries of one reason, oldest first. */
async function orderEntries(f: Fixture, orderId: string, reason: 'order_payment' | 'order_refund') {
  const page = await f.admin.ledger.list.query({ accountId: f.accountId, reason });
  return page.items
    .filter((e) => e.refId === orderId)
    .sort((a, b) => a.entryId - b.entryId)
    .map((e) => [e.instrument, e.instrumentId, e.amount, e.balanceAfter]);
}

describe('orders.create, get and list', () => {
  it('raises an open order that moves no money, once per request id', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '10.00');
    const input = {
      accountId: f.accountId,
      requestId: uid('ord-req'),
      product: 'Starter package',
      amount: '99.90',
    };
    const order = await server.operator.orders.create.mutate(input);
    expect(order).toMatchObject({
      accountId: f.accountId,
      product: 'Starter package',
      amount: '99.90',
      status: 'open',
      cardsPaid: '0.00',
      cashPaid: '0.00',
      refunded: '0.00',
      paidAtMs: null,
      refundedAtMs: null,
    });
    await expect(server.operator.orders.create.mutate(input)).resolves.toEqual(order);
    await expect(
      server.operator.orders.create.mutate({ ...input, amount: '99.91' }),
    ).rejects.toMatchObject({ data: { code: 'CONFLICT', domainCode: 'IDEMPOTENCY_CONFLICT' } });

    await expect(f.admin.orders.get.query({ orderId: order.orderId })).resolves.toEqual(order);
    await expect(f.admin.orders.list.query({ accountId: f.accountId })).resolves.toEqual([order]);
    expect(await balances(f)).toEqual({ cash: '10.00', overdue: '0.00' });
  });
});

describe('orders.checkout', () => {
  it('pays with cards soonest-expiring first, then cash; a refund returns the cash', async () => {
    const f = await newFixture(server);
    // Distributed in the opposite order to their expiry, so creation order cannot pass as
    // expiry order.
    const late = await distributeCard(f.accountId, '100.00', 200);
    const soon = await distributeCard(f.accountId, '50.00', 20);
    await fundCash(server, f.remittanceRef, '300.00');

    // Order A: the cards cover it all; the sooner card is emptied first.
    const a = await createOrder(f.accountId, '120.00');
    const paidA = await f.admin.orders.checkout.mutate({ orderId: a.orderId, useCards: true });
    expect(paidA).toMatchObject({ status: 'paid', cardsPaid: '120.00', cashPaid: '0.00' });
    expect(paidA.replayed).toBe(false);
    expect(await orderEntries(f, a.orderId, 'order_payment')).toEqual([
      ['prepaid_card', soon.cardId, '-50.00', '0.00'],
      ['prepaid_card', late.cardId, '-70.00', '30.00'],
    ]);
    expect(await cardStates(f)).toEqual({
      [soon.cardId]: ['0.00', 'used_up'],
      [late.cardId]: ['30.00', 'active'],
    });
    expect(await balances(f)).toEqual({ cash: '300.00', overdue: '0.00' });

    // Order B: what is left on the cards, then cash for the rest.
    const b = await createOrder(f.accountId, '100.00');
    const paidB = await f.admin.orders.checkout.mutate({ orderId: b.orderId, useCards: true });
    expect(paidB).toMatchObject({ status: 'paid', cardsPaid: '30.00', cashPaid: '70.00' });
    expect(paidB.paidAtMs).not.toBeNull();
    expect(await orderEntries(f, b.orderId, 'order_payment')).toEqual([
      ['prepaid_card', late.cardId, '-30.00', '0.00'],
      ['cash', null, '-70.00', '230.00'],
    ]);
    expect(await balances(f)).toEqual({ cash: '230.00', overdue: '0.00' });

    // The refund returns the 70.00 cash part only; the cards stay spent.
    const refundB = await server.operator.orders.refund.mutate({ orderId: b.orderId });
    expect(refundB).toMatchObject({ status: 'refunded', refunded: '70.00', replayed: false });
    expect(refundB.refundedAtMs).not.toBeNull();
    expect(await balances(f)).toEqual({ cash: '300.00', overdue: '0.00' });
    expect(await orderEntries(f, b.orderId, 'order_refund')).toEqual([
      ['cash', null, '70.00', '300.00'],
    ]);
    expect(await cardStates(f)).toEqual({
      [soon.cardId]: ['0.00', 'used_up'],
      [late.cardId]: ['0.00', 'used_up'],
    });
    await expect(f.admin.orders.get.query({ orderId: b.orderId })).resolves.toMatchObject({
      status: 'refunded',
      cardsPaid: '30.00',
      cashPaid: '70.00',
      refunded: '70.00',
    });

    // Refunding an order the cards paid in full returns nothing at all.
    const refundA = await server.operator.orders.refund.mutate({ orderId: a.orderId });
    expect(refundA).toMatchObject({ status: 'refunded', refunded: '0.00' });
    expect(await orderEntries(f, a.orderId, 'order_refund')).toEqual([]);
    expect(await balances(f)).toEqual({ cash: '300.00', overdue: '0.00' });
    expect(await cardStates(f)).toEqual({
      [soon.cardId]: ['0.00', 'used_up'],
      [late.cardId]: ['0.00', 'used_up'],
    });
  });

  it('pays everything in cash when the admin declines the cards, though cards exist', async () => {
    const f = await newFixture(server);
    const card = await distributeCard(f.accountId, '100.00', 30);
    await fundCash(server, f.remittanceRef, '200.00');
    const order = await createOrder(f.accountId, '80.00');
    const paid = await f.admin.orders.checkout.mutate({ orderId: order.orderId, useCards: false });
    expect(paid).toMatchObject({ status: 'paid', cardsPaid: '0.00', cashPaid: '80.00' });
    expect(await orderEntries(f, order.orderId, 'order_payment')).toEqual([
      ['cash', null, '-80.00', '120.00'],
    ]);
    expect(await cardStates(f)).toEqual({ [card.cardId]: ['100.00', 'active'] });
  });

  // Card 50.00 with cash as below; the order is 100.00.
  const coverage = [
    { cash: '49.99', useCards: true, outcome: 'refused', cashAfter: '49.99', cardAfter: '50.00' },
    { cash: '50.00', useCards: true, outcome: 'paid', cashAfter: '0.00', cardAfter: '0.00' },
    { cash: '99.99', useCards: false, outcome: 'refused', cashAfter: '99.99', cardAfter: '50.00' },
    { cash: '100.00', useCards: false, outcome: 'paid', cashAfter: '0.00', cardAfter: '50.00' },
    // Cash must cover the rest: nothing, not even a fen, may go to overdue.
    { cash: '0.00', useCards: true, outcome: 'refused', cashAfter: '0.00', cardAfter: '50.00' },
  ] as const;

  it.each(coverage)(
    'cash $cash, useCards $useCards: $outcome',
    async ({ cash, useCards, outcome, cashAfter, cardAfter }) => {
      const f = await newFixture(server);
      const card = await distributeCard(f.accountId, '50.00', 30);
      if (cash !== '0.00') await fundCash(server, f.remittanceRef, cash);
      const order = await createOrder(f.accountId, '100.00');
      const checkout = f.admin.orders.checkout.mutate({ orderId: order.orderId, useCards });
      if (outcome === 'refused') {
        await expect(checkout).rejects.toMatchObject(insufficientCash);
        await expect(f.admin.orders.get.query({ orderId: order.orderId })).resolves.toMatchObject({
          status: 'open',
          cardsPaid: '0.00',
          cashPaid: '0.00',
        });
        expect(await orderEntries(f, order.orderId, 'order_payment')).toEqual([]);
      } else {
        await expect(checkout).resolves.toMatchObject({ status: 'paid' });
      }
      expect(await balances(f)).toEqual({ cash: cashAfter, overdue: '0.00' });
      const cards = await cardStates(f);
      expect(cards[card.cardId]?.[0]).toBe(cardAfter);
    },
  );

  it('lets a refused checkout succeed once cash arrives: a refusal is not remembered', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '30.00');
    const order = await createOrder(f.accountId, '40.00');
    await expect(
      f.admin.orders.checkout.mutate({ orderId: order.orderId, useCards: true }),
    ).rejects.toMatchObject(insufficientCash);
    await fundCash(server, f.remittanceRef, '10.00');
    await expect(
      f.admin.orders.checkout.mutate({ orderId: order.orderId, useCards: true }),
    ).resolves.toMatchObject({ status: 'paid', cashPaid: '40.00', replayed: false });
    expect(await balances(f)).toEqual({ cash: '0.00', overdue: '0.00' });
  });

  it('never lets vouchers pay an order', async () => {
    const f = await newFixture(server);
    const voucher = await server.operator.vouchers.issue.mutate({
      accountId: f.accountId,
      requestId: uid('req'),
      amount: '500.00',
      validity: { kind: 'days', days: 30 },
    });
    await fundCash(server, f.remittanceRef, '30.00');
    const order = await createOrder(f.accountId, '50.00');
    // 500.00 of vouchers would cover it; they may not, and cash alone does not.
    await expect(
      f.admin.orders.checkout.mutate({ orderId: order.orderId, useCards: true }),
    ).rejects.toMatchObject(insufficientCash);
    await fundCash(server, f.remittanceRef, '20.00');
    const paid = await f.admin.orders.checkout.mutate({ orderId: order.orderId, useCards: true });
    expect(paid).toMatchObject({ cardsPaid: '0.00', cashPaid: '50.00' });
    expect(await orderEntries(f, order.orderId, 'order_payment')).toEqual([
      ['cash', null, '-50.00', '0.00'],
    ]);
    const vouchers = await f.admin.vouchers.list.query({ accountId: f.accountId });
    expect(vouchers.map((v) => [v.voucherId, v.balance, v.status])).toEqual([
      [voucher.voucherId, '500.00', 'active'],
    ]);
  });

  it('never creates or grows overdue, even for an account already overdue', async () => {
    const f = await newFixture(server);
    await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '10.00'));
    expect(await balances(f)).toEqual({ cash: '0.00', overdue: '10.00' });
    const order = await createOrder(f.accountId, '0.01');
    await expect(
      f.admin.orders.checkout.mutate({ orderId: order.orderId, useCards: false }),
    ).rejects.toMatchObject(insufficientCash);
    expect(await balances(f)).toEqual({ cash: '0.00', overdue: '10.00' });
    const ledger = await f.admin.ledger.list.query({
      accountId: f.accountId,
      instrument: 'overdue',
    });
    expect(ledger.items.map((e) => [e.amount, e.reason])).toEqual([['10.00', 'charge']]);
  });

  it('lets two orders racing for the same cash never spend it twice', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '100.00');
    const orders = [
      await createOrder(f.accountId, '60.00'),
      await createOrder(f.accountId, '60.00'),
    ];
    const results = await Promise.allSettled(
      orders.map((o) => f.admin.orders.checkout.mutate({ orderId: o.orderId, useCards: false })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(1);
    expect(refused[0]?.reason).toMatchObject(insufficientCash);
    expect(await balances(f)).toEqual({ cash: '40.00', overdue: '0.00' });
  });

  it('replays a second checkout of a paid order; a different useCards is a conflict', async () => {
    const f = await newFixture(server);
    await distributeCard(f.accountId, '10.00', 30);
    await fundCash(server, f.remittanceRef, '100.00');
    const order = await createOrder(f.accountId, '25.00');
    const input = { orderId: order.orderId, useCards: true };
    const first = await f.admin.orders.checkout.mutate(input);
    const again = await f.admin.orders.checkout.mutate(input);
    expect(again.replayed).toBe(true);
    expect({ ...again, replayed: false }).toEqual(first);
    // The operator standing in for the platform gets the same replay.
    await expect(server.operator.orders.checkout.mutate(input)).resolves.toMatchObject({
      replayed: true,
      cashPaid: '15.00',
    });
    await expect(
      f.admin.orders.checkout.mutate({ orderId: order.orderId, useCards: false }),
    ).rejects.toMatchObject({ data: { code: 'CONFLICT', domainCode: 'IDEMPOTENCY_CONFLICT' } });
    expect(await balances(f)).toEqual({ cash: '85.00', overdue: '0.00' });
    expect(await orderEntries(f, order.orderId, 'order_payment')).toHaveLength(2);
  });

  it('pays an order checked out 8 times at once exactly once', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '100.00');
    const order = await createOrder(f.accountId, '30.00');
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        f.admin.orders.checkout.mutate({ orderId: order.orderId, useCards: false }),
      ),
    );
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await balances(f)).toEqual({ cash: '70.00', overdue: '0.00' });
  });
});

describe('orders.refund', () => {
  it('refuses to refund an order that was never paid', async () => {
    const f = await newFixture(server);
    const order = await createOrder(f.accountId, '10.00');
    await expect(
      server.operator.orders.refund.mutate({ orderId: order.orderId }),
    ).rejects.toMatchObject({
      data: { code: 'PRECONDITION_FAILED', domainCode: 'ORDER_NOT_PAID' },
    });
    await expect(f.admin.orders.get.query({ orderId: order.orderId })).resolves.toMatchObject({
      status: 'open',
      refunded: '0.00',
    });
    await expect(
      server.operator.orders.refund.mutate({ orderId: uid('no-such-order') }),
    ).rejects.toMatchObject({ data: { code: 'NOT_FOUND', domainCode: 'ORDER_NOT_FOUND' } });
  });

  it('replays a second refund and returns the cash once', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '50.00');
    const order = await createOrder(f.accountId, '20.00');
    await f.admin.orders.checkout.mutate({ orderId: order.orderId, useCards: true });
    const first = await server.operator.orders.refund.mutate({ orderId: order.orderId });
    const again = await server.operator.orders.refund.mutate({ orderId: order.orderId });
    expect(again.replayed).toBe(true);
    expect({ ...again, replayed: false }).toEqual(first);
    expect(await balances(f)).toEqual({ cash: '50.00', overdue: '0.00' });
    expect(await orderEntries(f, order.orderId, 'order_refund')).toEqual([
      ['cash', null, '20.00', '50.00'],
    ]);
    // A refunded order cannot be paid again: checking it out replays the first payment.
    await expect(
      f.admin.orders.checkout.mutate({ orderId: order.orderId, useCards: true }),
    ).resolves.toMatchObject({ replayed: true });
    expect(await balances(f)).toEqual({ cash: '50.00', overdue: '0.00' });
    await expect(f.admin.orders.get.query({ orderId: order.orderId })).resolves.toMatchObject({
      status: 'refunded',
    });
  });

  it('pays off the overdue first with the refunded cash; only the rest becomes cash', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '100.00');
    const order = await createOrder(f.accountId, '60.00');
    await f.admin.orders.checkout.mutate({ orderId: order.orderId, useCards: true });
    await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '70.00'));
    const before = await f.admin.accounts.get.query({ accountId: f.accountId });
    expect([before.cash, before.overdue]).toEqual(['0.00', '30.00']);
    expect(before.overdueSinceMs).not.toBeNull();

    await server.operator.orders.refund.mutate({ orderId: order.orderId });
    const after = await f.admin.accounts.get.query({ accountId: f.accountId });
    expect([after.cash, after.overdue, after.overdueSinceMs]).toEqual(['30.00', '0.00', null]);
    const ledger = await f.admin.ledger.list.query({ accountId: f.accountId, limit: 2 });
    expect(
      ledger.items.map((e) => [e.instrument, e.amount, e.balanceAfter, e.reason, e.refId]),
    ).toEqual([
      ['cash', '30.00', '30.00', 'order_refund', order.orderId],
      ['overdue', '-30.00', '0.00', 'overdue_payoff', order.orderId],
    ]);
    // Invoiceable: order 60 + charge cash 40 + overdue paid off 30 − refunded 60.
    const summary = await f.admin.invoices.summary.query({ accountId: f.accountId });
    expect(summary.invoiceable).toBe('70.00');
  });

  it('refuses a refund while its cash is invoiced, until the invoice is rejected', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '100.00');
    const order = await createOrder(f.accountId, '100.00');
    await f.admin.orders.checkout.mutate({ orderId: order.orderId, useCards: true });
    const invoice = await requestInvoice(f, '100.00');

    await expect(
      server.operator.orders.refund.mutate({ orderId: order.orderId }),
    ).rejects.toMatchObject({
      data: { code: 'PRECONDITION_FAILED', domainCode: 'ALREADY_INVOICED' },
    });
    expect(await balances(f)).toEqual({ cash: '0.00', overdue: '0.00' });
    await expect(f.admin.orders.get.query({ orderId: order.orderId })).resolves.toMatchObject({
      status: 'paid',
      refunded: '0.00',
    });

    await server.operator.invoices.reject.mutate({
      invoiceId: invoice.invoiceId,
      reason: 'wrong title',
    });
    await expect(
      server.operator.orders.refund.mutate({ orderId: order.orderId }),
    ).resolves.toMatchObject({ status: 'refunded', refunded: '100.00', replayed: false });
    expect(await balances(f)).toEqual({ cash: '100.00', overdue: '0.00' });
    const summary = await f.admin.invoices.summary.query({ accountId: f.accountId });
    expect([summary.invoiceable, summary.available]).toEqual(['0.00', '0.00']);
  });

  // Invoiceable 100.00 (order 60.00 + charge 40.00); refunding the order leaves 40.00.
  const invoicedRows = [
    { invoice: '40.00', decision: 'requested', refund: 'allowed' },
    { invoice: '40.01', decision: 'requested', refund: 'ALREADY_INVOICED' },
    { invoice: '40.00', decision: 'issued', refund: 'allowed' },
    { invoice: '40.01', decision: 'issued', refund: 'ALREADY_INVOICED' },
  ] as const;

  it.each(invoicedRows)(
    'invoice of $invoice $decision: refund $refund',
    async ({ invoice, decision, refund }) => {
      const f = await newFixture(server);
      await fundCash(server, f.remittanceRef, '100.00');
      const order = await createOrder(f.accountId, '60.00');
      await f.admin.orders.checkout.mutate({ orderId: order.orderId, useCards: false });
      await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '40.00'));
      const requested = await requestInvoice(f, invoice);
      if (decision === 'issued') {
        await server.operator.invoices.issue.mutate({
          invoiceId: requested.invoiceId,
          invoiceNumber: uid('INV'),
        });
      }
      const result = server.operator.orders.refund.mutate({ orderId: order.orderId });
      if (refund === 'allowed') {
        await expect(result).resolves.toMatchObject({ refunded: '60.00' });
        expect(await balances(f)).toEqual({ cash: '60.00', overdue: '0.00' });
      } else {
        await expect(result).rejects.toMatchObject({ data: { domainCode: 'ALREADY_INVOICED' } });
        expect(await balances(f)).toEqual({ cash: '0.00', overdue: '0.00' });
      }
    },
  );
});

describe('orders access', () => {
  it('lets operators raise and refund, members read, admins pay; others nothing', async () => {
    const f = await newFixture(server);
    const other = await newFixture(server, 'Other');
    await fundCash(server, f.remittanceRef, '100.00');
    const viewerKey = await f.admin.accounts.createApiKey.mutate({
      accountId: f.accountId,
      role: 'viewer',
      label: 'viewer',
    });
    const viewer = server.client(viewerKey.apiKey);
    const order = await createOrder(f.accountId, '10.00');
    const input = { accountId: f.accountId, requestId: uid('r'), product: 'x', amount: '1.00' };

    await expect(f.admin.orders.create.mutate(input)).rejects.toMatchObject(forbidden);
    await expect(viewer.orders.create.mutate(input)).rejects.toMatchObject(forbidden);
    await expect(f.metering.orders.create.mutate(input)).rejects.toMatchObject(forbidden);
    await expect(partner.orders.create.mutate(input)).rejects.toMatchObject(forbidden);

    await expect(viewer.orders.get.query({ orderId: order.orderId })).resolves.toMatchObject({
      orderId: order.orderId,
    });
    await expect(viewer.orders.list.query({ accountId: f.accountId })).resolves.toHaveLength(1);
    await expect(other.admin.orders.get.query({ orderId: order.orderId })).rejects.toMatchObject(
      forbidden,
    );
    await expect(other.admin.orders.list.query({ accountId: f.accountId })).rejects.toMatchObject(
      forbidden,
    );
    await expect(f.metering.orders.get.query({ orderId: order.orderId })).rejects.toMatchObject(
      forbidden,
    );

    const checkout = { orderId: order.orderId, useCards: true };
    await expect(viewer.orders.checkout.mutate(checkout)).rejects.toMatchObject(forbidden);
    await expect(other.admin.orders.checkout.mutate(checkout)).rejects.toMatchObject(forbidden);
    await expect(f.metering.orders.checkout.mutate(checkout)).rejects.toMatchObject(forbidden);
    expect(await balances(f)).toEqual({ cash: '100.00', overdue: '0.00' });

    await f.admin.orders.checkout.mutate(checkout);
    const refund = { orderId: order.orderId };
    await expect(f.admin.orders.refund.mutate(refund)).rejects.toMatchObject(forbidden);
    await expect(viewer.orders.refund.mutate(refund)).rejects.toMatchObject(forbidden);
    await expect(other.admin.orders.refund.mutate(refund)).rejects.toMatchObject(forbidden);
    await expect(f.metering.orders.refund.mutate(refund)).rejects.toMatchObject(forbidden);
    expect(await balances(f)).toEqual({ cash: '90.00', overdue: '0.00' });
    const anonymous = server.client();
    await expect(anonymous.orders.get.query({ orderId: order.orderId })).rejects.toMatchObject({
      data: { code: 'UNAUTHORIZED' },
    });
  });
});

async function requestInvoice(f: Fixture, amount: string) {
  return f.admin.invoices.request.mutate({
    accountId: f.accountId,
    requestId: uid('inv-req'),
    title: 'Acme Ltd',
    taxId: '91110000MA01ABCD2X',
    amount,
    email: 'billing@acme.example',
    type: 'general',
  });
}
