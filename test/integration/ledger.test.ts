/**
 * Statements: keyset pages, filters, the CSV export, and accounts' reads for operators.
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

describe('ledger.list', () => {
  it('pages by keyset without gaps or repeats, newest first', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '100.00');
    await f.metering.charges.settleBatch.mutate({
      charges: Array.from({ length: 25 }, () => chargeInput(f.workspaceId, '1.00')),
    });
    const ids: number[] = [];
    let cursor: number | undefined;
    for (let page = 0; page < 10; page++) {
      const result = await f.admin.ledger.list.query({
        accountId: f.accountId,
        limit: 7,
        ...(cursor !== undefined ? { cursor } : {}),
      });
      ids.push(...result.items.map((e) => e.entryId));
      if (result.nextCursor === null) break;
      cursor = result.nextCursor;
    }
    expect(ids).toHaveLength(26);
    expect(new Set(ids).size).toBe(26);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
  });

  it('filters by instrument, reason, workspace and time', async () => {
    const f = await newFixture(server);
    const other = await server.operator.workspaces.create.mutate({
      accountId: f.accountId,
      workspaceId: uid('ws'),
      name: 'other',
    });
    const before = Date.now();
    await fundCash(server, f.remittanceRef, '3.00');
    await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '2.00'));
    await f.metering.charges.settle.mutate(chargeInput(other.workspaceId, '2.00'));
    const query = (filter: Record<string, unknown>) =>
      f.admin.ledger.list.query({ accountId: f.accountId, ...filter });

    expect((await query({ instrument: 'overdue' })).items.map((e) => e.amount)).toEqual(['1.00']);
    expect((await query({ reason: 'bank_transfer' })).items.map((e) => e.amount)).toEqual(['3.00']);
    const ws = await query({ workspaceId: other.workspaceId });
    expect(ws.items.map((e) => [e.instrument, e.amount])).toEqual([
      ['overdue', '1.00'],
      ['cash', '-1.00'],
    ]);
    expect((await query({ fromMs: before })).items).toHaveLength(4);
    expect((await query({ toMs: before })).items).toHaveLength(0);
  });
});

describe('CSV export', () => {
  it('downloads every entry matching the filter, matching ledger.list', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '10.00');
    await f.metering.charges.settle.mutate(
      chargeInput(f.workspaceId, '12.34', { description: 'has, a comma' }),
    );
    const response = await fetch(`${server.url}/ledger/export.csv?accountId=${f.accountId}`, {
      headers: { authorization: `Bearer ${server.operatorKey}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await response.text()).trim().split('\n');
    expect(lines[0]).toBe(
      'entryId,createdAt,accountId,workspaceId,instrument,instrumentId,amount,balanceAfter,' +
        'reason,refType,refId',
    );
    const listed = await f.admin.ledger.list.query({ accountId: f.accountId });
    expect(
      lines
        .slice(1)
        .map((line) => line.split(','))
        .map((c) => [Number(c[0]), c[4], c[6]]),
    ).toEqual(listed.items.map((e) => [e.entryId, e.instrument, e.amount]));
    const filtered = await fetch(
      `${server.url}/ledger/export.csv?accountId=${f.accountId}&instrument=cash`,
      { headers: { authorization: `Bearer ${server.operatorKey}` } },
    );
    expect((await filtered.text()).trim().split('\n')).toHaveLength(3);
  });

  it('refuses a missing key and a bad filter', async () => {
    const f = await newFixture(server);
    const anonymous = await fetch(`${server.url}/ledger/export.csv?accountId=${f.accountId}`);
    expect(anonymous.status).toBe(401);
    const bad = await fetch(
      `${server.url}/ledger/export.csv?accountId=${f.accountId}&instrument=gold`,
      { headers: { authorization: `Bearer ${server.operatorKey}` } },
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ issues: [{ path: 'instrument' }] });
  });
});

describe('accounts', () => {
  it('creates, reads and searches accounts; operators only list', async () => {
    const name = uid('Globex');
    const created = await server.operator.accounts.create.mutate({ name });
    expect(created).toMatchObject({ name, cash: '0.00', overdue: '0.00', balance: '0.00' });
    expect(created.remittanceRef).toMatch(/^AW[0-9A-Z]{10}$/);
    const found = await server.operator.accounts.list.query({ search: name });
    expect(found.items.map((a) => a.id)).toEqual([created.id]);
    const byRef = await server.operator.accounts.list.query({ search: created.remittanceRef });
    expect(byRef.items.map((a) => a.id)).toEqual([created.id]);
    await expect(
      server.operator.accounts.get.query({ accountId: 'acc_missing' }),
    ).rejects.toMatchObject({
      data: { code: 'NOT_FOUND' },
    });
  });

  it('issues account keys shown once, usable at once', async () => {
    const f = await newFixture(server);
    const key = await server.operator.accounts.createApiKey.mutate({
      accountId: f.accountId,
      role: 'viewer',
      label: 'finance',
    });
    expect(key.apiKey).toMatch(/^aw_[a-z0-9]{20}_[A-Za-z0-9_-]{43}$/);
    await expect(
      server.client(key.apiKey).accounts.get.query({ accountId: f.accountId }),
    ).resolves.toMatchObject({ id: f.accountId });
  });
});
