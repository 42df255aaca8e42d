/**
 * Errors are data, end to end: over the real server and the typed client, every refusal
 * carries a stable domain code, its parameters (money as decimal strings) and field issues
 * with their own codes and parameters — for tRPC procedures and for the CSV route alike.
 * "Not found" and "not allowed" stay apart without telling a stranger which accounts exist.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  chargeInput,
  expectCleanAudit,
  fundCash,
  newFixture,
  uid,
  type Fixture,
} from '../helpers/factories.ts';
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

/** The error a call fails with (the test fails if it succeeds). */
async function refusal(call: Promise<unknown>): Promise<{ message: string; data: unknown }> {
  const outcome = await call.then(
    () => null,
    (error: unknown) => error as { message: string; data: unknown },
  );
  if (!outcome) throw new Error('the call succeeded');
  return outcome;
}

describe('validation errors', () => {
  it('names the field, its code and its parameters: an amount with three decimals', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '100.00');
    const error = await refusal(
      f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '12.345')),
    );
    expect(error.data).toEqual({
      code: 'BAD_REQUEST',
      httpStatus: 400,
      path: 'charges.settle',
      domainCode: 'VALIDATION',
      params: {},
      issues: [
        {
          path: 'amount',
          code: 'AMOUNT_TOO_MANY_DECIMALS',
          params: { maxDecimals: 2 },
          message: 'must have at most two decimals',
        },
      ],
    });
    expect(error.message).toBe('amount: must have at most two decimals');
    const account = await f.admin.accounts.get.query({ accountId: f.accountId });
    expect(account.cash).toBe('100.00');
  });

  it('reads limits from the schema: lengths, bounds, choices and missing fields', async () => {
    const f = await newFixture(server);
    const error = await refusal(
      server.operator.workspaces.create.mutate({
        accountId: f.accountId,
        workspaceId: 'no spaces allowed',
        name: 'x'.repeat(201),
        // @ts-expect-error: a provider the API does not know
        settlement: { method: 'cloud_account', cloudProvider: 'gcp', cloudAccountId: 'c-1' },
      }),
    );
    expect(error.data).toMatchObject({ domainCode: 'VALIDATION', params: {} });
    const issues = (error.data as { issues: unknown[] }).issues;
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'workspaceId', code: 'KEY_FORMAT', params: {} }),
        expect.objectContaining({
          path: 'name',
          code: 'TEXT_TOO_LONG',
          params: { max: 200, actual: 201 },
          message: 'must be at most 200 characters',
        }),
        expect.objectContaining({
          path: 'settlement.cloudProvider',
          code: 'NOT_ONE_OF',
          params: { options: ['alibaba_cloud', 'aws', 'huawei_cloud'] },
        }),
      ]),
    );
    const missing = await refusal(
      // @ts-expect-error: the name is missing
      server.operator.accounts.create.mutate({}),
    );
    expect((missing.data as { issues: unknown[] }).issues).toEqual([
      { path: 'name', code: 'REQUIRED', params: {}, message: 'must not be empty' },
    ]);
  });
});

describe('domain errors', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '150.25');
    // Spending cash makes it invoiceable: 20.50 of it, leaving 129.75.
    await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '20.50'));
  });

  it('INSUFFICIENT_CASH carries the cash, the total and the shortfall as decimal strings', async () => {
    const error = await refusal(
      f.admin.prepaidCards.purchase.mutate({
        accountId: f.accountId,
        requestId: uid('buy'),
        denomination: '100.00',
        quantity: 2,
      }),
    );
    expect(error.data).toMatchObject({
      code: 'PRECONDITION_FAILED',
      httpStatus: 412,
      domainCode: 'INSUFFICIENT_CASH',
      params: { cashAmount: '129.75', requiredAmount: '200.00', shortfallAmount: '70.25' },
      issues: [],
    });
    const cards = await f.admin.prepaidCards.list.query({ accountId: f.accountId });
    expect(cards).toEqual([]);
  });

  it('an invoice above what is left carries the limit on the field and on the error', async () => {
    const error = await refusal(
      f.admin.invoices.request.mutate({
        accountId: f.accountId,
        requestId: uid('inv'),
        title: 'Acme Ltd',
        taxId: '91110000MA01ABCDE1',
        amount: '20.51',
        email: 'billing@example.test',
        type: 'general',
      }),
    );
    expect(error.data).toMatchObject({
      domainCode: 'INVOICE_ABOVE_INVOICEABLE',
      params: { availableAmount: '20.50' },
      issues: [
        {
          path: 'amount',
          code: 'ABOVE_LIMIT',
          params: { maxAmount: '20.50' },
          message: 'must not exceed 20.50',
        },
      ],
    });
  });

  it('a missing charge names its id as a parameter', async () => {
    const error = await refusal(f.metering.charges.get.query({ chargeId: 'nope-123' }));
    expect(error.data).toMatchObject({
      code: 'NOT_FOUND',
      domainCode: 'CHARGE_NOT_FOUND',
      params: { chargeId: 'nope-123' },
    });
  });

  it('settleBatch items carry their parameters too', async () => {
    const results = await f.metering.charges.settleBatch.mutate({
      charges: [chargeInput('ws-that-does-not-exist', '1.00')],
    });
    expect(results[0]?.error).toMatchObject({
      code: 'WORKSPACE_NOT_FOUND',
      params: { workspaceId: 'ws-that-does-not-exist' },
    });
  });
});

describe('not found and not allowed', () => {
  const missing = 'acc_does_not_exist';

  it('tells an operator that an account is missing, on every account list', async () => {
    const notFound = {
      data: {
        code: 'NOT_FOUND',
        httpStatus: 404,
        domainCode: 'ACCOUNT_NOT_FOUND',
        params: { accountId: missing },
      },
    };
    const operator = server.operator;
    const input = { accountId: missing };
    await expect(operator.accounts.get.query(input)).rejects.toMatchObject(notFound);
    await expect(operator.vouchers.list.query(input)).rejects.toMatchObject(notFound);
    await expect(operator.prepaidCards.list.query(input)).rejects.toMatchObject(notFound);
    await expect(operator.workspaces.list.query(input)).rejects.toMatchObject(notFound);
    await expect(operator.ledger.list.query(input)).rejects.toMatchObject(notFound);
    await expect(operator.charges.list.query(input)).rejects.toMatchObject(notFound);
    await expect(operator.orders.list.query(input)).rejects.toMatchObject(notFound);
    await expect(operator.invoices.list.query(input)).rejects.toMatchObject(notFound);
  });

  it('tells a stranger only "not allowed", whether the account exists or not', async () => {
    const stranger = await newFixture(server, 'Stranger');
    const other = await newFixture(server, 'Other');
    const forbidden = { data: { code: 'FORBIDDEN', httpStatus: 403, domainCode: 'FORBIDDEN' } };
    for (const accountId of [missing, other.accountId]) {
      await expect(stranger.admin.accounts.get.query({ accountId })).rejects.toMatchObject(
        forbidden,
      );
      await expect(stranger.admin.vouchers.list.query({ accountId })).rejects.toMatchObject(
        forbidden,
      );
      await expect(stranger.admin.ledger.list.query({ accountId })).rejects.toMatchObject(
        forbidden,
      );
    }
  });

  it('gives a missing credential its own code', async () => {
    await expect(server.client().accounts.get.query({ accountId: missing })).rejects.toMatchObject({
      data: { code: 'UNAUTHORIZED', httpStatus: 401, domainCode: 'SIGN_IN_REQUIRED', params: {} },
    });
  });

  it('gives a malformed request a code', async () => {
    const asPost = await fetch(`${server.url}/trpc/accounts.get`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(asPost.status).toBe(405);
    const notJson = await fetch(`${server.url}/trpc/accounts.create`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${server.operatorKey}`,
      },
      body: '{"name":',
    });
    expect(notJson.status).toBe(400);
    for (const response of [asPost, notJson]) {
      const body = (await response.json()) as { error: { data: unknown } };
      expect(body.error.data).toMatchObject({ domainCode: 'MALFORMED_REQUEST', params: {} });
    }
  });

  it('gives an unknown procedure a code', async () => {
    const response = await fetch(`${server.url}/trpc/accounts.nothingHere`);
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: { data: unknown } };
    expect(body.error.data).toMatchObject({
      domainCode: 'ROUTE_NOT_FOUND',
      params: {},
      issues: [],
    });
  });
});

describe('the CSV route answers with the same error data', () => {
  const csv = (query: string, apiKey?: string) =>
    fetch(`${server.url}/ledger/export.csv?${query}`, {
      headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
    });

  it('without a credential, with a bad filter and for a missing account', async () => {
    const anonymous = await csv('accountId=acc_x');
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ domainCode: 'SIGN_IN_REQUIRED', params: {} });

    const bad = await csv('accountId=acc_x&instrument=gold', server.operatorKey);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: expect.stringMatching(/^instrument: must be one of "cash", /),
      domainCode: 'VALIDATION',
      issues: [{ path: 'instrument', code: 'NOT_ONE_OF', params: { options: expect.any(Array) } }],
    });

    const missing = await csv('accountId=acc_does_not_exist', server.operatorKey);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({
      domainCode: 'ACCOUNT_NOT_FOUND',
      params: { accountId: 'acc_does_not_exist' },
    });
  });
});
