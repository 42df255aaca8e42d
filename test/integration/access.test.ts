/**
 * Authentication and authorization through the real server: no key, a malformed or wrong
 * key, the wrong role, another account's key — each refused, and nothing changes.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  chargeInput,
  expectCleanAudit,
  fundCash,
  newFixture,
  serviceClient,
  uid,
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

const unauthorized = { data: { code: 'UNAUTHORIZED', httpStatus: 401 } };
const forbidden = { data: { code: 'FORBIDDEN', httpStatus: 403 } };

describe('authentication', () => {
  it('refuses calls without a key, with a malformed key and with a wrong secret', async () => {
    const f = await newFixture(server);
    const wrongSecret = server.operatorKey.slice(0, -4) + 'AAAA';
    for (const client of [server.client(), server.client('nope'), server.client(wrongSecret)]) {
      await expect(client.accounts.get.query({ accountId: f.accountId })).rejects.toMatchObject(
        unauthorized,
      );
      await expect(
        client.charges.settle.mutate(chargeInput(f.workspaceId, '1.00')),
      ).rejects.toMatchObject(unauthorized);
    }
    const charges = await f.admin.charges.list.query({ accountId: f.accountId });
    expect(charges.items).toEqual([]);
  });

  it('answers the no-op ping without a key', async () => {
    await expect(server.client().ping.mutate()).resolves.toEqual({ ok: true });
  });
});

describe('roles', () => {
  it('keeps operator verbs from everyone else', async () => {
    const f = await newFixture(server);
    const metering = await serviceClient(server, 'metering');
    const partner = await serviceClient(server, 'partner');
    for (const client of [f.admin, metering, partner]) {
      await expect(client.accounts.create.mutate({ name: 'x' })).rejects.toMatchObject(forbidden);
      await expect(client.admin.audit.query()).rejects.toMatchObject(forbidden);
      await expect(
        client.admin.createApiKey.mutate({ role: 'operator', label: 'escalate' }),
      ).rejects.toMatchObject(forbidden);
      await expect(
        client.cash.recordBankTransfer.mutate({
          reference: f.remittanceRef,
          bankSerial: uid('serial'),
          amount: '1.00',
        }),
      ).rejects.toMatchObject(forbidden);
      await expect(
        client.vouchers.issue.mutate({
          accountId: f.accountId,
          requestId: uid('req'),
          amount: '1.00',
          validity: { kind: 'days', days: 1 },
        }),
      ).rejects.toMatchObject(forbidden);
    }
    const account = await f.admin.accounts.get.query({ accountId: f.accountId });
    expect([account.cash, account.regularVouchers.count]).toEqual(['0.00', 0]);
  });

  it('lets only the metering service (and operators) post charges', async () => {
    const f = await newFixture(server);
    const partner = await serviceClient(server, 'partner');
    for (const client of [f.admin, partner]) {
      await expect(
        client.charges.settle.mutate(chargeInput(f.workspaceId, '1.00')),
      ).rejects.toMatchObject(forbidden);
    }
  });

  it('lets only partners distribute cards', async () => {
    const f = await newFixture(server);
    for (const client of [f.admin, f.metering, server.operator]) {
      await expect(
        client.prepaidCards.distribute.mutate({
          accountId: f.accountId,
          distributionId: uid('d'),
          amount: '100.00',
        }),
      ).rejects.toMatchObject(forbidden);
    }
  });

  it('lets a viewer read its account but change nothing', async () => {
    const f = await newFixture(server);
    const viewerKey = await f.admin.accounts.createApiKey.mutate({
      accountId: f.accountId,
      role: 'viewer',
      label: 'auditor',
    });
    const viewer = server.client(viewerKey.apiKey);
    await expect(viewer.accounts.get.query({ accountId: f.accountId })).resolves.toMatchObject({
      id: f.accountId,
    });
    await expect(viewer.workspaces.list.query({ accountId: f.accountId })).resolves.toHaveLength(1);
    await expect(
      viewer.workspaces.create.mutate({ accountId: f.accountId, workspaceId: uid('w'), name: 'x' }),
    ).rejects.toMatchObject(forbidden);
    await expect(
      viewer.workspaces.setSettlementMethod.mutate({
        workspaceId: f.workspaceId,
        settlement: { method: 'cloud_account', cloudProvider: 'aws', cloudAccountId: 'a1' },
      }),
    ).rejects.toMatchObject(forbidden);
    await expect(
      viewer.accounts.createApiKey.mutate({ accountId: f.accountId, role: 'admin', label: 'x' }),
    ).rejects.toMatchObject(forbidden);
  });
});

describe('account isolation', () => {
  it("refuses another account's key on every read and write", async () => {
    const mine = await newFixture(server, 'Mine');
    const theirs = await newFixture(server, 'Theirs');
    await fundCash(server, theirs.remittanceRef, '50.00');
    const theirCharge = await theirs.metering.charges.settle.mutate(
      chargeInput(theirs.workspaceId, '1.00'),
    );
    const intruder = mine.admin;
    const id = theirs.accountId;
    await expect(intruder.accounts.get.query({ accountId: id })).rejects.toMatchObject(forbidden);
    await expect(intruder.workspaces.list.query({ accountId: id })).rejects.toMatchObject(
      forbidden,
    );
    await expect(intruder.vouchers.list.query({ accountId: id })).rejects.toMatchObject(forbidden);
    await expect(intruder.prepaidCards.list.query({ accountId: id })).rejects.toMatchObject(
      forbidden,
    );
    await expect(intruder.ledger.list.query({ accountId: id })).rejects.toMatchObject(forbidden);
    await expect(intruder.charges.list.query({ accountId: id })).rejects.toMatchObject(forbidden);
    await expect(
      intruder.charges.get.query({ chargeId: theirCharge.chargeId }),
    ).rejects.toMatchObject(forbidden);
    await expect(
      intruder.charges.preview.query({
        workspaceId: theirs.workspaceId,
        category: 'general',
        amount: '1.00',
      }),
    ).rejects.toMatchObject(forbidden);
    await expect(
      intruder.workspaces.create.mutate({ accountId: id, workspaceId: uid('w'), name: 'x' }),
    ).rejects.toMatchObject(forbidden);
    await expect(
      intruder.workspaces.setSettlementMethod.mutate({
        workspaceId: theirs.workspaceId,
        settlement: { method: 'cloud_account', cloudProvider: 'aws', cloudAccountId: 'a1' },
      }),
    ).rejects.toMatchObject(forbidden);
    await expect(
      intruder.accounts.createApiKey.mutate({ accountId: id, role: 'admin', label: 'x' }),
    ).rejects.toMatchObject(forbidden);
    const response = await fetch(`${server.url}/ledger/export.csv?accountId=${id}`, {
      headers: { authorization: `Bearer ${(await mineKey(mine.accountId)).apiKey}` },
    });
    expect(response.status).toBe(403);
    const account = await theirs.admin.accounts.get.query({ accountId: id });
    expect(account.cash).toBe('49.00');
  });
});

function mineKey(accountId: string) {
  return server.operator.accounts.createApiKey.mutate({ accountId, role: 'admin', label: 'k' });
}
