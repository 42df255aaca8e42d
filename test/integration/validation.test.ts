/**
 * Bad input gets a clear error naming the field and the reason, and changes nothing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chargeInput, expectCleanAudit, fundCash, newFixture, uid } from '../helpers/factories.ts';
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

//  amount              reason the server gives
const BAD_AMOUNTS: readonly (readonly [unknown, RegExp])[] = [
  ['-1.00', /non-negative decimal/],
  ['12.345', /at most two decimals/],
  ['1e3', /no exponent/],
  ['NaN', /decimal/],
  ['99999999999.00', /must not exceed 10000000000\.00/],
  ['', /must not be empty/],
  ['0.00', /greater than zero/],
  [' 1.00', /decimal/],
  [12.5, /decimal string/], // a JSON number is never money
];

describe('amounts', () => {
  it.each(BAD_AMOUNTS)('refuses charge amount %j, naming the field', async (amount, reason) => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '100.00');
    const input = { ...chargeInput(f.workspaceId, '1.00'), amount } as ReturnType<
      typeof chargeInput
    >;
    const error = await f.metering.charges.settle.mutate(input).catch((e: unknown) => e);
    expect(error).toMatchObject({
      data: { code: 'BAD_REQUEST', httpStatus: 400, domainCode: 'VALIDATION' },
    });
    const data = (error as { data: { issues: { path: string; message: string }[] } }).data;
    expect(data.issues).toHaveLength(1);
    expect(data.issues[0]?.path).toBe('amount');
    expect(data.issues[0]?.message).toMatch(reason);
    expect((error as Error).message).toMatch(/^amount: /);
    const account = await f.admin.accounts.get.query({ accountId: f.accountId });
    expect(account.cash).toBe('100.00');
    const charges = await f.admin.charges.list.query({ accountId: f.accountId });
    expect(charges.items).toEqual([]);
  });

  it.each(BAD_AMOUNTS)('refuses bank transfer amount %j and credits nothing', async (amount) => {
    const f = await newFixture(server);
    await expect(
      server.operator.cash.recordBankTransfer.mutate({
        reference: f.remittanceRef,
        bankSerial: uid('serial'),
        amount: amount as string,
      }),
    ).rejects.toMatchObject({ data: { code: 'BAD_REQUEST', issues: [{ path: 'amount' }] } });
    const account = await f.admin.accounts.get.query({ accountId: f.accountId });
    expect(account.cash).toBe('0.00');
  });
});

describe('other fields', () => {
  it('names every bad field of a charge at once', async () => {
    const f = await newFixture(server);
    const error = await f.metering.charges.settle
      .mutate({
        chargeId: 'has space',
        workspaceId: f.workspaceId,
        category: 'video' as 'general',
        amount: '1.00',
        periodStartMs: 10,
        periodEndMs: 5,
        description: 'x',
      })
      .catch((e: unknown) => e);
    const issues = (error as { data: { issues: { path: string }[] } }).data.issues;
    expect(issues.map((issue) => issue.path).sort()).toEqual(['category', 'chargeId']);
  });

  it('refuses a billing period that ends before it starts', async () => {
    const f = await newFixture(server);
    await expect(
      f.metering.charges.settle.mutate({
        ...chargeInput(f.workspaceId, '1.00'),
        periodStartMs: 10,
        periodEndMs: 5,
      }),
    ).rejects.toMatchObject({ data: { issues: [{ path: 'periodEndMs' }] } });
  });

  it('refuses voucher validity that is inverted or already past', async () => {
    const f = await newFixture(server);
    const now = Date.now();
    for (const [validity, path] of [
      [{ kind: 'fixed', validFromMs: now, expiresAtMs: now - 1 }, 'validity.expiresAtMs'],
      [{ kind: 'fixed', validFromMs: 0, expiresAtMs: 1 }, 'validity.expiresAtMs'],
      [{ kind: 'days', days: 0 }, 'validity.days'],
    ] as const) {
      await expect(
        server.operator.vouchers.issue.mutate({
          accountId: f.accountId,
          requestId: uid('req'),
          amount: '10.00',
          validity,
        }),
      ).rejects.toMatchObject({ data: { code: 'BAD_REQUEST', issues: [{ path }] } });
    }
    const vouchers = await f.admin.vouchers.list.query({ accountId: f.accountId });
    expect(vouchers).toEqual([]);
  });

  it('refuses an unknown remittance reference, naming it', async () => {
    await expect(
      server.operator.cash.recordBankTransfer.mutate({
        reference: 'AWNOSUCHREF0',
        bankSerial: uid('serial'),
        amount: '1.00',
      }),
    ).rejects.toMatchObject({
      data: {
        code: 'NOT_FOUND',
        domainCode: 'REFERENCE_NOT_FOUND',
        issues: [{ path: 'reference' }],
      },
    });
  });

  it('hides internals of unexpected errors from the client', async () => {
    const response = await fetch(`${server.url}/trpc/charges.get?input=%7B`, {
      headers: { authorization: `Bearer ${server.operatorKey}` },
    });
    const body = await response.text();
    expect(response.status).toBe(400);
    expect(body).not.toMatch(/at .*\.ts:\d+/);
  });
});
