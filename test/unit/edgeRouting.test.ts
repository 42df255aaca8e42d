/**
 * Which requests the Worker hands to the writer object (server/edge/routing.ts): money
 * writes and anything unknown go to the writer; people, sessions and keys, and reads, stay
 * in the Worker; a batch goes to the writer when any call in it must.
 */
import { describe, expect, it } from 'vitest';
import { needsWriter } from '../../server/edge/routing.ts';

const request = (method: string, path: string) =>
  new Request(`http://wallet.test${path}`, { method });

describe('needsWriter', () => {
  it.each([
    // method  path                                               writer?
    ['POST', '/trpc/charges.settle', true],
    ['POST', '/trpc/cash.recordBankTransfer', true],
    ['POST', '/trpc/admin.runExpiry', true],
    ['POST', '/trpc/ping', true],
    ['POST', '/trpc/someFuture.moneyMutation', true], // unknown: the safe default
    ['POST', '/payments/alipay/notify', true],
    ['GET', '/payments/sandbox/pay/t1', true],
    ['POST', '/trpc/auth.signIn', false],
    ['POST', '/trpc/auth.signOut', false],
    ['POST', '/trpc/auth.changePassword', false],
    ['POST', '/trpc/users.invite', false],
    ['POST', '/trpc/apiKeys.revoke', false],
    ['POST', '/trpc/admin.createApiKey', false],
    ['POST', '/trpc/accounts.createApiKey', false],
    ['POST', '/trpc/auth.signIn,users.invite?batch=1', false],
    ['POST', '/trpc/auth.signIn,charges.settle?batch=1', true], // one money call carries it
    ['POST', '/trpc/auth.signIn%2Ccharges.settle?batch=1', true], // tRPC decodes the comma
    ['POST', '/trpc/auth%2EsignIn', false], // ...and the dot
    ['POST', '/trpc/auth.signIn%E0%A4%A', true], // unreadable: the writer answers it
    ['POST', '/trpc/admin.createApiKeyX', true],
    ['POST', '/trpc/accounts.create', true],
    ['GET', '/trpc/accounts.list?input=%7B%7D', false], // reads stay in the Worker
    ['GET', '/ledger/export.csv', false],
    ['GET', '/healthz', false],
    ['POST', '/v1/charges', true], // REST writes: like tRPC mutations
    ['POST', '/v1/charges/batch', true],
    ['POST', '/v1/accounts/a1/codes/activate', true],
    ['PUT', '/v1/someFuture/write', true], // unknown: the safe default
    ['POST', '/v1/charges/preview', false], // a read sent as POST
    ['GET', '/v1/charges/c1', false],
    ['GET', '/v1/accounts/a1/ledger?limit=5', false],
    ['GET', '/openapi.json', false],
    ['POST', '/trpc/admin.testClock.advance', true],
    ['GET', '/trpc/testClock.status', false],
  ])('%s %s → writer: %s', (method, path, writer) => {
    expect(needsWriter(request(method, path))).toBe(writer);
  });
});
