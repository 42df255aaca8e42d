/**
 * Every REST route refuses what its tRPC twin refuses, with the same domain code, the same
 * HTTP status and the same field issues: ONE table of cases, each run through both surfaces
 * of one real server. A case names the caller, the tRPC call and the REST request; the
 * expected code is last.
 */
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WalletClient } from '../../server/client.ts';
import { chargeInput, newFixture, uid, type Fixture } from '../helpers/factories.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

interface World {
  readonly own: Fixture;
  /** Another account: its admin is a foreigner to `own`. */
  readonly other: Fixture;
  readonly keys: Readonly<Record<Caller, string | null>>;
  readonly settledChargeId: string;
}
type Caller = 'metering' | 'admin' | 'foreignAdmin' | 'operator' | 'anonymous';

interface RestRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: unknown;
}

interface Case {
  readonly name: string;
  readonly caller: Caller;
  readonly trpc: (client: WalletClient, w: World) => Promise<unknown>;
  readonly rest: (w: World) => RestRequest;
  readonly code: string;
  /** The field issues' `path:code`, when the code is VALIDATION. */
  readonly issues?: readonly string[];
}

const post = (path: string, body: unknown): RestRequest => ({ method: 'POST', path, body });
const get = (path: string): RestRequest => ({ method: 'GET', path });
const FUTURE_MS = Date.UTC(2999, 0, 1);

// prettier-ignore
const CASES: readonly Case[] = [
  { name: 'settle: amount not a number', caller: 'metering',
    trpc: (c, w) => c.charges.settle.mutate(chargeInput(w.own.workspaceId, 'abc')),
    rest: (w) => post('/v1/charges', chargeInput(w.own.workspaceId, 'abc')),
    code: 'VALIDATION', issues: ['amount:AMOUNT_FORMAT'] },
  { name: 'settle: period ends before it starts', caller: 'metering',
    trpc: (c, w) => c.charges.settle.mutate({ ...chargeInput(w.own.workspaceId, '1.00'), periodEndMs: 0 }),
    rest: (w) => post('/v1/charges', { ...chargeInput(w.own.workspaceId, '1.00'), periodEndMs: 0 }),
    code: 'VALIDATION', issues: ['periodEndMs:PERIOD_END_BEFORE_START'] },
  { name: 'settle: period in the future', caller: 'metering',
    trpc: (c, w) => c.charges.settle.mutate(chargeInput(w.own.workspaceId, '1.00', { period: { startMs: FUTURE_MS, endMs: FUTURE_MS } })),
    rest: (w) => post('/v1/charges', chargeInput(w.own.workspaceId, '1.00', { period: { startMs: FUTURE_MS, endMs: FUTURE_MS } })),
    code: 'PERIOD_IN_FUTURE', issues: ['periodStartMs:IN_FUTURE'] },
  { name: 'settle: unknown workspace', caller: 'metering',
    trpc: (c) => c.charges.settle.mutate(chargeInput('ws-nowhere', '1.00')),
    rest: () => post('/v1/charges', chargeInput('ws-nowhere', '1.00')),
    code: 'WORKSPACE_NOT_FOUND' },
  { name: 'settle: an account admin may not settle', caller: 'admin',
    trpc: (c, w) => c.charges.settle.mutate(chargeInput(w.own.workspaceId, '1.00')),
    rest: (w) => post('/v1/charges', chargeInput(w.own.workspaceId, '1.00')),
    code: 'FORBIDDEN' },
  { name: 'settle: same id, other amount', caller: 'metering',
    trpc: (c, w) => c.charges.settle.mutate(chargeInput(w.own.workspaceId, '9.99', { chargeId: w.settledChargeId })),
    rest: (w) => post('/v1/charges', chargeInput(w.own.workspaceId, '9.99', { chargeId: w.settledChargeId })),
    code: 'IDEMPOTENCY_CONFLICT' },
  { name: 'settle: no key', caller: 'anonymous',
    trpc: (c, w) => c.charges.settle.mutate(chargeInput(w.own.workspaceId, '1.00')),
    rest: (w) => post('/v1/charges', chargeInput(w.own.workspaceId, '1.00')),
    code: 'SIGN_IN_REQUIRED' },
  { name: 'batch: empty', caller: 'metering',
    trpc: (c) => c.charges.settleBatch.mutate({ charges: [] }),
    rest: () => post('/v1/charges/batch', { charges: [] }),
    code: 'VALIDATION', issues: ['charges:LIST_TOO_SHORT'] },
  { name: 'batch: a bad charge inside', caller: 'metering',
    trpc: (c, w) => c.charges.settleBatch.mutate({ charges: [{ ...chargeInput(w.own.workspaceId, '1.00'), category: 'x' as never }] }),
    rest: (w) => post('/v1/charges/batch', { charges: [{ ...chargeInput(w.own.workspaceId, '1.00'), category: 'x' }] }),
    code: 'VALIDATION', issues: ['charges.0.category:NOT_ONE_OF'] },
  { name: 'get charge: unknown id', caller: 'operator',
    trpc: (c) => c.charges.get.query({ chargeId: 'chg-nowhere' }),
    rest: () => get('/v1/charges/chg-nowhere'),
    code: 'CHARGE_NOT_FOUND' },
  { name: 'get charge: of another account', caller: 'foreignAdmin',
    trpc: (c, w) => c.charges.get.query({ chargeId: w.settledChargeId }),
    rest: (w) => get(`/v1/charges/${w.settledChargeId}`),
    code: 'FORBIDDEN' },
  { name: 'get charge: id with a space', caller: 'operator',
    trpc: (c) => c.charges.get.query({ chargeId: 'a b' }),
    rest: () => get('/v1/charges/a%20b'),
    code: 'VALIDATION', issues: ['chargeId:KEY_FORMAT'] },
  { name: 'preview: workspace of another account', caller: 'foreignAdmin',
    trpc: (c, w) => c.charges.preview.query({ workspaceId: w.own.workspaceId, category: 'general', amount: '1.00' }),
    rest: (w) => post('/v1/charges/preview', { workspaceId: w.own.workspaceId, category: 'general', amount: '1.00' }),
    code: 'FORBIDDEN' },
  { name: 'preview: zero amount', caller: 'metering',
    trpc: (c, w) => c.charges.preview.query({ workspaceId: w.own.workspaceId, category: 'general', amount: '0' }),
    rest: (w) => post('/v1/charges/preview', { workspaceId: w.own.workspaceId, category: 'general', amount: '0' }),
    code: 'VALIDATION', issues: ['amount:AMOUNT_NOT_POSITIVE'] },
  { name: 'account: another account', caller: 'foreignAdmin',
    trpc: (c, w) => c.accounts.get.query({ accountId: w.own.accountId }),
    rest: (w) => get(`/v1/accounts/${w.own.accountId}`),
    code: 'FORBIDDEN' },
  { name: 'account: id too long', caller: 'operator',
    trpc: (c) => c.accounts.get.query({ accountId: 'a'.repeat(129) }),
    rest: () => get(`/v1/accounts/${'a'.repeat(129)}`),
    code: 'VALIDATION', issues: ['accountId:TEXT_TOO_LONG'] },
  { name: 'ledger: another account', caller: 'foreignAdmin',
    trpc: (c, w) => c.ledger.list.query({ accountId: w.own.accountId }),
    rest: (w) => get(`/v1/accounts/${w.own.accountId}/ledger`),
    code: 'FORBIDDEN' },
  { name: 'ledger: unknown account (operator)', caller: 'operator',
    trpc: (c) => c.ledger.list.query({ accountId: 'acc-nowhere' }),
    rest: () => get('/v1/accounts/acc-nowhere/ledger'),
    code: 'ACCOUNT_NOT_FOUND' },
  { name: 'ledger: limit 0', caller: 'admin',
    trpc: (c, w) => c.ledger.list.query({ accountId: w.own.accountId, limit: 0 }),
    rest: (w) => get(`/v1/accounts/${w.own.accountId}/ledger?limit=0`),
    code: 'VALIDATION', issues: ['limit:NUMBER_TOO_SMALL'] },
  { name: 'ledger: limit not a number', caller: 'admin',
    trpc: (c, w) => c.ledger.list.query({ accountId: w.own.accountId, limit: 'ten' as never }),
    rest: (w) => get(`/v1/accounts/${w.own.accountId}/ledger?limit=ten`),
    code: 'VALIDATION', issues: ['limit:WRONG_TYPE'] },
  { name: 'ledger: unknown reason', caller: 'admin',
    trpc: (c, w) => c.ledger.list.query({ accountId: w.own.accountId, reason: 'gift' as never }),
    rest: (w) => get(`/v1/accounts/${w.own.accountId}/ledger?reason=gift`),
    code: 'VALIDATION', issues: ['reason:NOT_ONE_OF'] },
  { name: 'activate: into another account', caller: 'foreignAdmin',
    trpc: (c, w) => c.vouchers.activate.mutate({ accountId: w.own.accountId, code: 'ABCD-EFGH-JKLM-NPQR' }),
    rest: (w) => post(`/v1/accounts/${w.own.accountId}/codes/activate`, { code: 'ABCD-EFGH-JKLM-NPQR' }),
    code: 'FORBIDDEN' },
  { name: 'activate: empty code', caller: 'admin',
    trpc: (c, w) => c.vouchers.activate.mutate({ accountId: w.own.accountId, code: '' }),
    rest: (w) => post(`/v1/accounts/${w.own.accountId}/codes/activate`, { code: '' }),
    code: 'VALIDATION', issues: ['code:REQUIRED'] },
  { name: 'activate: mistyped code', caller: 'admin',
    trpc: (c, w) => c.vouchers.activate.mutate({ accountId: w.own.accountId, code: 'not-a-code' }),
    rest: (w) => post(`/v1/accounts/${w.own.accountId}/codes/activate`, { code: 'not-a-code' }),
    code: 'CODE_MISTYPED' },
];

let server: TestServer;
let world: World;

beforeAll(async () => {
  server = await startServer();
  const own = await newFixture(server);
  const other = await newFixture(server, 'Other');
  const metering = await server.operator.admin.createApiKey.mutate({
    role: 'metering',
    label: 'parity',
  });
  const settled = await own.metering.charges.settle.mutate(chargeInput(own.workspaceId, '1.00'));
  world = {
    own,
    other,
    settledChargeId: settled.chargeId,
    keys: {
      metering: metering.apiKey,
      admin: own.adminKey,
      foreignAdmin: other.adminKey,
      operator: server.operatorKey,
      anonymous: null,
    },
  };
});
afterAll(() => server.stop());

interface Refusal {
  readonly code: string;
  readonly status: number;
  readonly issues: readonly string[];
}

async function throughTrpc(entry: Case): Promise<Refusal> {
  const key = world.keys[entry.caller];
  const client = server.client(key ?? undefined, { batch: false });
  try {
    await entry.trpc(client, world);
  } catch (error) {
    if (!(error instanceof TRPCClientError)) throw error;
    const data = error.data as {
      domainCode: string;
      httpStatus: number;
      issues: { path: string; code: string }[];
    };
    return {
      code: data.domainCode,
      status: data.httpStatus,
      issues: data.issues.map((i) => `${i.path}:${i.code}`),
    };
  }
  throw new Error(`tRPC accepted: ${entry.name}`);
}

async function throughRest(entry: Case): Promise<Refusal> {
  const key = world.keys[entry.caller];
  const request = entry.rest(world);
  const response = await fetch(`${server.url}${request.path}`, {
    method: request.method,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
  });
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const problem = (await response.json()) as {
    code: string;
    status: number;
    errors: { path: string; code: string }[];
  };
  expect(problem.status).toBe(response.status);
  return {
    code: problem.code,
    status: response.status,
    issues: problem.errors.map((i) => `${i.path}:${i.code}`),
  };
}

describe('REST and tRPC refuse alike', () => {
  it.each(CASES.map((entry) => [entry.name, entry] as const))('%s', async (_name, entry) => {
    const trpc = await throughTrpc(entry);
    const rest = await throughRest(entry);
    expect(trpc.code).toBe(entry.code);
    expect(rest).toEqual(trpc);
    if (entry.issues) expect([...rest.issues].sort()).toEqual([...entry.issues].sort());
  });
});
