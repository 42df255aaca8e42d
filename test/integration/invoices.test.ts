/**
 * Invoices through the real server and the typed client. What is invoiceable is exactly the
 * cash actually paid: for cards at purchase, for prepaid orders, on charges (overdue included
 * once paid off), less cash refunded; voucher- and card-paid parts never count. Requests fit
 * in what is available (also when they race), an operator decides each invoice once, and an
 * invoice number is used once.
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
const aboveInvoiceable = {
  data: {
    code: 'PRECONDITION_FAILED',
    domainCode: 'INVOICE_ABOVE_INVOICEABLE',
    issues: [{ path: 'amount' }],
  },
};

function invoiceInput(f: Fixture, amount: string) {
  return {
    accountId: f.accountId,
    requestId: uid('inv-req'),
    title: 'Acme Information Technology Ltd',
    taxId: '91310000MA1FL0XY2K',
    amount,
    email: 'billing@acme.example',
    type: 'general' as const,
  };
}

async function summary(f: Fixture) {
  return f.admin.invoices.summary.query({ accountId: f.accountId });
}

/** A fresh account with `amount` invoiceable: cash arrived and spent on one charge. */
async function invoiceableFixture(amount: string): Promise<Fixture> {
  const f = await newFixture(server);
  await fundCash(server, f.remittanceRef, amount);
  await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, amount));
  expect((await summary(f)).available).toBe(amount);
  return f;
}

describe('the invoiceable total', () => {
  it('counts exactly the cash paid, step by step; never voucher- or card-paid parts', async () => {
    const f = await newFixture(server);
    let orderId = '';
    const now = Date.now();
    const steps: { step: string; act: () => Promise<unknown>; invoiceable: string }[] = [
      {
        step: 'a regular voucher, a partner card and cash arrive',
        act: async () => {
          await server.operator.vouchers.issue.mutate({
            accountId: f.accountId,
            requestId: uid('req'),
            amount: '50.00',
            validity: { kind: 'days', days: 30 },
          });
          await partner.prepaidCards.distribute.mutate({
            accountId: f.accountId,
            distributionId: uid('dist'),
            amount: '80.00',
            validity: { kind: 'fixed', validFromMs: now - DAY_MS, expiresAtMs: now + 10 * DAY_MS },
          });
          await fundCash(server, f.remittanceRef, '400.00');
        },
        invoiceable: '0.00',
      },
      {
        step: 'a 100.00 card bought with cash',
        act: () =>
          f.admin.prepaidCards.purchase.mutate({
            accountId: f.accountId,
            requestId: uid('buy'),
            denomination: '100.00',
            quantity: 1,
          }),
        invoiceable: '100.00',
      },
      {
        // Voucher 50.00 then the partner card (expires first) 20.00: no cash.
        step: 'a 70.00 charge paid by the voucher and a card',
        act: async () => {
          const charge = await f.metering.charges.settle.mutate(
            chargeInput(f.workspaceId, '70.00'),
          );
          expect(charge.parts.map((p) => [p.source, p.amount])).toEqual([
            ['regular_voucher', '50.00'],
            ['prepaid_card', '20.00'],
          ]);
        },
        invoiceable: '100.00',
      },
      {
        // Partner card 60.00 + bought card 100.00, then 40.00 cash.
        step: 'a 200.00 order paid partly by cards',
        act: async () => {
          const order = await server.operator.orders.create.mutate({
            accountId: f.accountId,
            requestId: uid('ord'),
            product: 'Annual package',
            amount: '200.00',
          });
          orderId = order.orderId;
          const paid = await f.admin.orders.checkout.mutate({ orderId, useCards: true });
          expect([paid.cardsPaid, paid.cashPaid]).toEqual(['160.00', '40.00']);
        },
        invoiceable: '140.00',
      },
      {
        // Cash 260.00, then 40.00 overdue (not yet paid, so not yet invoiceable).
        step: 'a 300.00 charge that runs into overdue',
        act: async () => {
          const charge = await f.metering.charges.settle.mutate(
            chargeInput(f.workspaceId, '300.00'),
          );
          expect(charge.parts.map((p) => [p.source, p.amount])).toEqual([
            ['cash', '260.00'],
            ['overdue', '40.00'],
          ]);
        },
        invoiceable: '400.00',
      },
      {
        step: 'a bank transfer pays the 40.00 overdue off, 60.00 becomes cash',
        act: () => fundCash(server, f.remittanceRef, '100.00'),
        invoiceable: '440.00',
      },
      {
        step: 'the order is refunded: its 40.00 cash part returns',
        act: () => server.operator.orders.refund.mutate({ orderId }),
        invoiceable: '400.00',
      },
    ];
    for (const { step, act, invoiceable } of steps) {
      await act();
      const got = await summary(f);
      expect({ step, ...got }).toEqual({
        step,
        invoiceable,
        invoiced: '0.00',
        pending: '0.00',
        available: invoiceable,
      });
    }
    // 100 cards + 40 order + 260 charges + 40 overdue paid off − 40 refunded.
    const account = await f.admin.accounts.get.query({ accountId: f.accountId });
    expect([account.cash, account.overdue]).toEqual(['100.00', '0.00']);
  });

  it('never counts a discount voucher earned by a purchase, nor the cards it paid', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '10000.00');
    const purchase = await f.admin.prepaidCards.purchase.mutate({
      accountId: f.accountId,
      requestId: uid('buy'),
      denomination: '10000.00',
      quantity: 1,
    });
    expect(purchase.discountVoucher?.balance).toBe('1000.00');
    expect((await summary(f)).invoiceable).toBe('10000.00');
    const charge = await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '1500.00'));
    expect(charge.parts.map((p) => [p.source, p.amount])).toEqual([
      ['discount_voucher', '1000.00'],
      ['prepaid_card', '500.00'],
    ]);
    expect((await summary(f)).invoiceable).toBe('10000.00');
  });
});

describe('invoices.request', () => {
  it('refuses a request above what is available and changes nothing', async () => {
    const f = await invoiceableFixture('100.00');
    const input = invoiceInput(f, '100.01');
    await expect(f.admin.invoices.request.mutate(input)).rejects.toMatchObject(aboveInvoiceable);
    expect(await summary(f)).toEqual({
      invoiceable: '100.00',
      invoiced: '0.00',
      pending: '0.00',
      available: '100.00',
    });
    await expect(f.admin.invoices.list.query({ accountId: f.accountId })).resolves.toEqual([]);

    // The refused request id was not used up; exactly the available amount fits.
    const fits = await f.admin.invoices.request.mutate({ ...input, amount: '100.00' });
    expect(fits).toMatchObject({ status: 'requested', amount: '100.00', replayed: false });
    await expect(f.admin.invoices.request.mutate(invoiceInput(f, '0.01'))).rejects.toMatchObject(
      aboveInvoiceable,
    );
    expect(await summary(f)).toMatchObject({ pending: '100.00', available: '0.00' });
  });

  it('replays the same request id and refuses it with different content', async () => {
    const f = await invoiceableFixture('100.00');
    const input = invoiceInput(f, '40.00');
    const first = await f.admin.invoices.request.mutate(input);
    const again = await f.admin.invoices.request.mutate(input);
    expect(again.replayed).toBe(true);
    expect({ ...again, replayed: false }).toEqual(first);
    await expect(
      f.admin.invoices.request.mutate({ ...input, amount: '41.00' }),
    ).rejects.toMatchObject({ data: { code: 'CONFLICT', domainCode: 'IDEMPOTENCY_CONFLICT' } });
    await expect(
      f.admin.invoices.request.mutate({ ...input, email: 'other@acme.example' }),
    ).rejects.toMatchObject({ data: { code: 'CONFLICT', domainCode: 'IDEMPOTENCY_CONFLICT' } });
    expect(await summary(f)).toMatchObject({ pending: '40.00', available: '60.00' });
    await expect(f.admin.invoices.list.query({ accountId: f.accountId })).resolves.toHaveLength(1);
  });

  // Each row changes one field of a valid request.
  const fields = [
    { field: 'taxId', value: '12345678901234', valid: false }, // 14 characters
    { field: 'taxId', value: '123456789012345', valid: true }, // 15
    { field: 'taxId', value: '1234567890123456', valid: false }, // 16
    { field: 'taxId', value: '12345678901234567', valid: false }, // 17
    { field: 'taxId', value: '91310000MA1FL0XY2K', valid: true }, // 18
    { field: 'taxId', value: '1234567890123456789', valid: false }, // 19
    { field: 'taxId', value: '12345678901234567890', valid: true }, // 20
    { field: 'taxId', value: '123456789012345678901', valid: false }, // 21
    { field: 'taxId', value: '91310000ma1fl0xy2k', valid: false }, // lower case
    { field: 'taxId', value: '91310000MA1 L0XY2K', valid: false },
    { field: 'taxId', value: '91310000-MA1FL0XY2K', valid: false },
    { field: 'email', value: 'billing.acme.example', valid: false },
    { field: 'email', value: '', valid: false },
    { field: 'email', value: 'finance@acme.example', valid: true },
    { field: 'type', value: 'vat', valid: false },
    // A valid 'special' needs the buyer's address and bank: see 'invoice kinds' below.
    { field: 'title', value: '   ', valid: false },
    { field: 'amount', value: '0.00', valid: false },
    { field: 'amount', value: '1.001', valid: false },
    { field: 'amount', value: '-1.00', valid: false },
  ] as const;

  it('validates taxId, email, type, title and amount field by field', async () => {
    const f = await invoiceableFixture('100.00');
    let reservedFen = 0;
    for (const { field, value, valid } of fields) {
      const input = { ...invoiceInput(f, '1.00'), [field]: value };
      // The typed client would not let 'vat' through; the server must refuse it by itself.
      const request = f.admin.invoices.request.mutate(input as ReturnType<typeof invoiceInput>);
      if (valid) {
        await expect(request, `${field} ${value}`).resolves.toMatchObject({ [field]: value });
        reservedFen += 100;
      } else {
        await expect(request, `${field} ${value}`).rejects.toMatchObject({
          data: { code: 'BAD_REQUEST', domainCode: 'VALIDATION', issues: [{ path: field }] },
        });
      }
    }
    const list = await f.admin.invoices.list.query({ accountId: f.accountId });
    expect(list).toHaveLength(fields.filter((row) => row.valid).length);
    expect((await summary(f)).pending).toBe(`${reservedFen / 100}.00`);
  });

  it('reserves at most what is available when requests race: 10 × 30.00 of 100.00', async () => {
    const f = await invoiceableFixture('100.00');
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => f.admin.invoices.request.mutate(invoiceInput(f, '30.00'))),
    );
    const granted = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected');
    expect(granted).toHaveLength(3);
    expect(refused).toHaveLength(7);
    for (const r of refused) expect(r.reason).toMatchObject(aboveInvoiceable);
    expect(await summary(f)).toEqual({
      invoiceable: '100.00',
      invoiced: '0.00',
      pending: '90.00',
      available: '10.00',
    });
    await expect(f.admin.invoices.list.query({ accountId: f.accountId })).resolves.toHaveLength(3);
  });

  it('reserves at most what is available when requests race unbatched, too', async () => {
    const f = await invoiceableFixture('100.00');
    const admin = server.client(
      (
        await server.operator.accounts.createApiKey.mutate({
          accountId: f.accountId,
          role: 'admin',
          label: 'unbatched',
        })
      ).apiKey,
      { batch: false },
    );
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => admin.invoices.request.mutate(invoiceInput(f, '30.00'))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect(await summary(f)).toMatchObject({ pending: '90.00', available: '10.00' });
  });
});

const buyer = {
  address: '上海市浦东新区世纪大道 100 号',
  phone: '021-6888 8888',
  bankName: '中国工商银行上海分行',
  bankAccount: '1001 2345 6789 0123 456',
} as const;

describe('invoice kinds', () => {
  it('asks a special VAT invoice for address, phone, bank and account; a general one not', async () => {
    const f = await invoiceableFixture('100.00');
    const general = await f.admin.invoices.request.mutate(invoiceInput(f, '10.00'));
    expect(general).toMatchObject({
      type: 'general',
      address: null,
      phone: null,
      bankName: null,
      bankAccount: null,
    });

    const special = { ...invoiceInput(f, '20.00'), type: 'special' as const };
    await expect(f.admin.invoices.request.mutate(special)).rejects.toMatchObject({
      data: {
        code: 'BAD_REQUEST',
        domainCode: 'VALIDATION',
        issues: ['address', 'phone', 'bankName', 'bankAccount'].map((path) => ({
          path,
          message: 'is required for a special VAT invoice',
        })),
      },
    });
    // Each detail missing alone, or present but malformed, is refused on its own field.
    for (const field of Object.keys(buyer) as (keyof typeof buyer)[]) {
      const missing = { ...special, ...buyer, [field]: undefined };
      await expect(f.admin.invoices.request.mutate(missing), field).rejects.toMatchObject({
        data: { issues: [{ path: field }] },
      });
    }
    for (const [field, value] of [
      ['address', '  '],
      ['phone', 'call us'],
      ['bankName', ''],
      ['bankAccount', '12-34'],
    ] as const) {
      const malformed = { ...special, ...buyer, [field]: value };
      await expect(f.admin.invoices.request.mutate(malformed), field).rejects.toMatchObject({
        data: { domainCode: 'VALIDATION', issues: [{ path: field }] },
      });
    }
    expect((await summary(f)).pending).toBe('10.00');

    const granted = await f.admin.invoices.request.mutate({ ...special, ...buyer });
    expect(granted).toMatchObject({ type: 'special', status: 'requested', ...buyer });
    // The operator sees what to print.
    const queue = await server.operator.invoices.queue.query({ accountId: f.accountId });
    expect(queue.find((i) => i.invoiceId === granted.invoiceId)).toMatchObject(buyer);
    expect(await summary(f)).toMatchObject({ pending: '30.00', available: '70.00' });
  });

  it('shows one invoice with its buyer, number and status history', async () => {
    const f = await invoiceableFixture('100.00');
    const other = await newFixture(server, 'Other');
    const requested = await f.admin.invoices.request.mutate({
      ...invoiceInput(f, '25.00'),
      type: 'special',
      ...buyer,
    });
    const pending = await f.admin.invoices.get.query({ invoiceId: requested.invoiceId });
    expect(pending.history).toEqual([{ status: 'requested', atMs: requested.requestedAtMs }]);

    const invoiceNumber = uid('FP');
    const issued = await server.operator.invoices.issue.mutate({
      invoiceId: requested.invoiceId,
      invoiceNumber,
    });
    const detail = await f.admin.invoices.get.query({ invoiceId: requested.invoiceId });
    const { replayed, ...issuedView } = issued;
    expect([replayed, detail]).toEqual([false, issuedView]);
    expect(detail).toMatchObject({
      invoiceNumber,
      status: 'issued',
      type: 'special',
      title: 'Acme Information Technology Ltd',
      taxId: '91310000MA1FL0XY2K',
      amount: '25.00',
      ...buyer,
    });
    expect(detail.history).toEqual([
      { status: 'requested', atMs: requested.requestedAtMs },
      { status: 'issued', atMs: issued.decidedAtMs },
    ]);
    await expect(
      other.admin.invoices.get.query({ invoiceId: requested.invoiceId }),
    ).rejects.toMatchObject(forbidden);
    await expect(f.admin.invoices.get.query({ invoiceId: uid('inv') })).rejects.toMatchObject({
      data: { code: 'NOT_FOUND', domainCode: 'INVOICE_NOT_FOUND' },
    });
  });
});

describe('cancelling a pending request', () => {
  it('returns the amount to available once; replays; refuses a decided invoice', async () => {
    const f = await invoiceableFixture('100.00');
    const pending = await f.admin.invoices.request.mutate(invoiceInput(f, '60.00'));
    expect((await summary(f)).available).toBe('40.00');

    const cancelled = await f.admin.invoices.cancel.mutate({ invoiceId: pending.invoiceId });
    expect(cancelled).toMatchObject({ status: 'cancelled', replayed: false, invoiceNumber: null });
    expect(cancelled.history.map((h) => h.status)).toEqual(['requested', 'cancelled']);
    expect(await summary(f)).toEqual({
      invoiceable: '100.00',
      invoiced: '0.00',
      pending: '0.00',
      available: '100.00',
    });
    // Again: the same answer, and the amount is not given back twice.
    const again = await f.admin.invoices.cancel.mutate({ invoiceId: pending.invoiceId });
    expect({ ...again, replayed: false }).toEqual(cancelled);
    expect(again.replayed).toBe(true);
    expect((await summary(f)).available).toBe('100.00');
    // A cancelled request is closed for the operator, too.
    await expect(
      server.operator.invoices.issue.mutate({
        invoiceId: pending.invoiceId,
        invoiceNumber: uid('FP'),
      }),
    ).rejects.toMatchObject({ data: { code: 'CONFLICT', domainCode: 'INVOICE_DECIDED' } });
    expect(await server.operator.invoices.queue.query({ accountId: f.accountId })).toEqual([]);
    const closed = await server.operator.invoices.queue.query({
      accountId: f.accountId,
      status: 'cancelled',
    });
    expect(closed.map((i) => i.invoiceId)).toEqual([pending.invoiceId]);

    // An issued invoice cannot be cancelled.
    const issuedOne = await f.admin.invoices.request.mutate(invoiceInput(f, '30.00'));
    await server.operator.invoices.issue.mutate({
      invoiceId: issuedOne.invoiceId,
      invoiceNumber: uid('FP'),
    });
    await expect(
      f.admin.invoices.cancel.mutate({ invoiceId: issuedOne.invoiceId }),
    ).rejects.toMatchObject({ data: { code: 'CONFLICT', domainCode: 'INVOICE_DECIDED' } });
    expect(await summary(f)).toMatchObject({ invoiced: '30.00', available: '70.00' });
  });

  it('lets only the account (admins) and operators cancel', async () => {
    const f = await invoiceableFixture('100.00');
    const other = await newFixture(server, 'Other');
    const viewerKey = await f.admin.accounts.createApiKey.mutate({
      accountId: f.accountId,
      role: 'viewer',
      label: 'viewer',
    });
    const pending = await f.admin.invoices.request.mutate(invoiceInput(f, '10.00'));
    for (const client of [server.client(viewerKey.apiKey), other.admin, f.metering, partner]) {
      await expect(
        client.invoices.cancel.mutate({ invoiceId: pending.invoiceId }),
      ).rejects.toMatchObject(forbidden);
    }
    expect((await summary(f)).pending).toBe('10.00');
  });

  // Every round: one pending request, and a cancel racing an issue and a reject for it.
  it('lets exactly one of cancel, issue and reject win when they race', async () => {
    const f = await invoiceableFixture('100.00');
    const winners: string[] = [];
    for (let round = 0; round < 6; round++) {
      const pending = await f.admin.invoices.request.mutate(invoiceInput(f, '10.00'));
      const invoiceId = pending.invoiceId;
      const results = await Promise.allSettled([
        f.admin.invoices.cancel.mutate({ invoiceId }),
        server.operator.invoices.issue.mutate({ invoiceId, invoiceNumber: uid('FP') }),
        server.operator.invoices.reject.mutate({ invoiceId, reason: 'duplicate' }),
      ]);
      const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.status] : []));
      expect(won).toHaveLength(1);
      for (const r of results) {
        if (r.status === 'rejected') {
          expect(r.reason).toMatchObject({
            data: { code: 'CONFLICT', domainCode: 'INVOICE_DECIDED' },
          });
        }
      }
      const [stored] = await f.admin.invoices.list
        .query({ accountId: f.accountId })
        .then((list) => list.filter((i) => i.invoiceId === invoiceId));
      expect(stored?.status).toBe(won[0]);
      winners.push(won[0] ?? '');
    }
    // Issued amounts stay invoiced; cancelled and rejected ones came back exactly once.
    const issuedFen = winners.filter((w) => w === 'issued').length * 1000;
    expect(await summary(f)).toEqual({
      invoiceable: '100.00',
      invoiced: (issuedFen / 100).toFixed(2),
      pending: '0.00',
      available: ((10_000 - issuedFen) / 100).toFixed(2),
    });
  });

  it('lets exactly one win across two server processes on one database', async () => {
    const second = await startServer({ dbPath: server.dbPath, operatorKey: server.operatorKey });
    try {
      const f = await invoiceableFixture('100.00');
      const admin2 = second.client(
        (
          await server.operator.accounts.createApiKey.mutate({
            accountId: f.accountId,
            role: 'admin',
            label: 'second process',
          })
        ).apiKey,
      );
      for (let round = 0; round < 4; round++) {
        const pending = await f.admin.invoices.request.mutate(invoiceInput(f, '10.00'));
        const invoiceId = pending.invoiceId;
        const results = await Promise.allSettled([
          admin2.invoices.cancel.mutate({ invoiceId }),
          server.operator.invoices.issue.mutate({ invoiceId, invoiceNumber: uid('FP') }),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      }
      const list = await f.admin.invoices.list.query({ accountId: f.accountId });
      const issued = list.filter((i) => i.status === 'issued').length;
      expect(list.filter((i) => i.status === 'cancelled')).toHaveLength(4 - issued);
      expect((await summary(f)).available).toBe(((10_000 - issued * 1000) / 100).toFixed(2));
    } finally {
      await second.stop();
    }
  });
});

describe('invoice decisions', () => {
  it('moves pending to invoiced on issue; a rejection makes its amount available', async () => {
    const f = await invoiceableFixture('100.00');
    const first = await f.admin.invoices.request.mutate(invoiceInput(f, '60.00'));
    expect(first).toMatchObject({
      accountId: f.accountId,
      amount: '60.00',
      status: 'requested',
      invoiceNumber: null,
      decidedAtMs: null,
    });
    expect(await summary(f)).toEqual({
      invoiceable: '100.00',
      invoiced: '0.00',
      pending: '60.00',
      available: '40.00',
    });
    const queue = await server.operator.invoices.queue.query({ accountId: f.accountId });
    expect(queue.map((i) => [i.invoiceId, i.status])).toEqual([[first.invoiceId, 'requested']]);
    // The whole queue (no filter) holds it too.
    const all = await server.operator.invoices.queue.query({});
    expect(all.map((i) => i.invoiceId)).toContain(first.invoiceId);
    expect(all.every((i) => i.status === 'requested')).toBe(true);

    const invoiceNumber = uid('FP');
    const issued = await server.operator.invoices.issue.mutate({
      invoiceId: first.invoiceId,
      invoiceNumber,
    });
    expect(issued).toMatchObject({ status: 'issued', invoiceNumber, replayed: false });
    expect(issued.decidedAtMs).not.toBeNull();
    expect(await summary(f)).toEqual({
      invoiceable: '100.00',
      invoiced: '60.00',
      pending: '0.00',
      available: '40.00',
    });

    const second = await f.admin.invoices.request.mutate(invoiceInput(f, '40.00'));
    expect((await summary(f)).available).toBe('0.00');
    const rejected = await server.operator.invoices.reject.mutate({
      invoiceId: second.invoiceId,
      reason: 'tax id does not match the title',
    });
    expect(rejected).toMatchObject({
      status: 'rejected',
      rejectReason: 'tax id does not match the title',
      invoiceNumber: null,
    });
    expect(await summary(f)).toEqual({
      invoiceable: '100.00',
      invoiced: '60.00',
      pending: '0.00',
      available: '40.00',
    });
    // The rejected amount can be requested again.
    await expect(f.admin.invoices.request.mutate(invoiceInput(f, '40.00'))).resolves.toMatchObject({
      status: 'requested',
    });

    const byStatus = async (status: 'requested' | 'issued' | 'rejected') =>
      (await server.operator.invoices.queue.query({ accountId: f.accountId, status })).map(
        (i) => i.amount,
      );
    expect(await byStatus('issued')).toEqual(['60.00']);
    expect(await byStatus('rejected')).toEqual(['40.00']);
    expect(await byStatus('requested')).toEqual(['40.00']);
    const list = await f.admin.invoices.list.query({ accountId: f.accountId });
    expect(list.map((i) => i.status).sort()).toEqual(['issued', 'rejected', 'requested']);
  });

  it('decides each invoice once: the same decision replays, another is refused', async () => {
    const f = await invoiceableFixture('100.00');
    const a = await f.admin.invoices.request.mutate(invoiceInput(f, '30.00'));
    const b = await f.admin.invoices.request.mutate(invoiceInput(f, '30.00'));
    const conflict = { data: { code: 'CONFLICT' } };

    const issue = { invoiceId: a.invoiceId, invoiceNumber: uid('FP') };
    const issued = await server.operator.invoices.issue.mutate(issue);
    const replay = await server.operator.invoices.issue.mutate(issue);
    expect(replay.replayed).toBe(true);
    expect({ ...replay, replayed: false }).toEqual(issued);
    await expect(
      server.operator.invoices.issue.mutate({ ...issue, invoiceNumber: uid('FP') }),
    ).rejects.toMatchObject(conflict);
    await expect(
      server.operator.invoices.reject.mutate({ invoiceId: a.invoiceId, reason: 'late' }),
    ).rejects.toMatchObject(conflict);

    const reject = { invoiceId: b.invoiceId, reason: 'duplicate request' };
    await server.operator.invoices.reject.mutate(reject);
    await expect(server.operator.invoices.reject.mutate(reject)).resolves.toMatchObject({
      replayed: true,
    });
    await expect(
      server.operator.invoices.reject.mutate({ ...reject, reason: 'another reason' }),
    ).rejects.toMatchObject(conflict);
    await expect(
      server.operator.invoices.issue.mutate({ invoiceId: b.invoiceId, invoiceNumber: uid('FP') }),
    ).rejects.toMatchObject(conflict);

    const list = await f.admin.invoices.list.query({ accountId: f.accountId });
    const byId = Object.fromEntries(list.map((i) => [i.invoiceId, [i.status, i.invoiceNumber]]));
    expect(byId).toEqual({
      [a.invoiceId]: ['issued', issue.invoiceNumber],
      [b.invoiceId]: ['rejected', null],
    });
    // The rejection gave its 30.00 back once, not once per attempt.
    expect(await summary(f)).toEqual({
      invoiceable: '100.00',
      invoiced: '30.00',
      pending: '0.00',
      available: '70.00',
    });
    await expect(
      server.operator.invoices.issue.mutate({ invoiceId: uid('inv'), invoiceNumber: uid('FP') }),
    ).rejects.toMatchObject({ data: { code: 'NOT_FOUND', domainCode: 'INVOICE_NOT_FOUND' } });
  });

  it('never uses an invoice number twice, even across accounts', async () => {
    const f = await invoiceableFixture('100.00');
    const g = await invoiceableFixture('100.00');
    const mine = await f.admin.invoices.request.mutate(invoiceInput(f, '10.00'));
    const theirs = await g.admin.invoices.request.mutate(invoiceInput(g, '10.00'));
    const invoiceNumber = uid('FP');
    await server.operator.invoices.issue.mutate({ invoiceId: mine.invoiceId, invoiceNumber });
    await expect(
      server.operator.invoices.issue.mutate({ invoiceId: theirs.invoiceId, invoiceNumber }),
    ).rejects.toMatchObject({
      data: {
        code: 'CONFLICT',
        domainCode: 'INVOICE_NUMBER_TAKEN',
        issues: [{ path: 'invoiceNumber' }],
      },
    });
    const [still] = await g.admin.invoices.list.query({ accountId: g.accountId });
    expect([still?.status, still?.invoiceNumber]).toEqual(['requested', null]);
    // Another number issues it.
    await expect(
      server.operator.invoices.issue.mutate({
        invoiceId: theirs.invoiceId,
        invoiceNumber: uid('FP'),
      }),
    ).resolves.toMatchObject({ status: 'issued' });
  });

  it('gives one number to one invoice when two issues race for it', async () => {
    const f = await invoiceableFixture('100.00');
    const a = await f.admin.invoices.request.mutate(invoiceInput(f, '10.00'));
    const b = await f.admin.invoices.request.mutate(invoiceInput(f, '10.00'));
    const invoiceNumber = uid('FP');
    const results = await Promise.allSettled(
      [a, b].map((i) =>
        server.operator.invoices.issue.mutate({ invoiceId: i.invoiceId, invoiceNumber }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected');
    // Both pass the early check; the number is claimed inside the write, so the loser is
    // told the number is taken rather than hitting the unique index.
    expect(refused?.reason).toMatchObject({
      data: { code: 'CONFLICT', domainCode: 'INVOICE_NUMBER_TAKEN' },
    });
    const list = await f.admin.invoices.list.query({ accountId: f.accountId });
    expect(list.filter((i) => i.invoiceNumber === invoiceNumber)).toHaveLength(1);
    expect(list.filter((i) => i.status === 'requested')).toHaveLength(1);
  });
});

describe('invoices access', () => {
  it('lets admins request, members read, operators decide; nobody else', async () => {
    const f = await invoiceableFixture('100.00');
    const other = await newFixture(server, 'Other');
    const viewerKey = await f.admin.accounts.createApiKey.mutate({
      accountId: f.accountId,
      role: 'viewer',
      label: 'viewer',
    });
    const viewer = server.client(viewerKey.apiKey);
    const invoice = await f.admin.invoices.request.mutate(invoiceInput(f, '10.00'));

    await expect(viewer.invoices.summary.query({ accountId: f.accountId })).resolves.toMatchObject({
      pending: '10.00',
    });
    await expect(viewer.invoices.list.query({ accountId: f.accountId })).resolves.toHaveLength(1);
    await expect(viewer.invoices.request.mutate(invoiceInput(f, '1.00'))).rejects.toMatchObject(
      forbidden,
    );
    for (const client of [other.admin, f.metering, partner]) {
      await expect(client.invoices.summary.query({ accountId: f.accountId })).rejects.toMatchObject(
        forbidden,
      );
      await expect(client.invoices.list.query({ accountId: f.accountId })).rejects.toMatchObject(
        forbidden,
      );
      await expect(client.invoices.request.mutate(invoiceInput(f, '1.00'))).rejects.toMatchObject(
        forbidden,
      );
    }
    for (const client of [f.admin, viewer, other.admin, f.metering, partner]) {
      await expect(client.invoices.queue.query({})).rejects.toMatchObject(forbidden);
      await expect(
        client.invoices.issue.mutate({ invoiceId: invoice.invoiceId, invoiceNumber: uid('FP') }),
      ).rejects.toMatchObject(forbidden);
      await expect(
        client.invoices.reject.mutate({ invoiceId: invoice.invoiceId, reason: 'no' }),
      ).rejects.toMatchObject(forbidden);
    }
    expect(await summary(f)).toMatchObject({ pending: '10.00', invoiced: '0.00' });
  });
});
