/**
 * Statements: keyset pages, filters, what entries refer to (printed numbers, bank serials,
 * order numbers, workspace names), the CSV export, and accounts' reads for operators.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../helpers/e2e-fixtures.ts';
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

describe('ledger.list references', () => {
  it('names what entries refer to: printed numbers, bank serial, orders, workspace names', async () => {
    const f = await newFixture(server);
    const serial = uid('ICBC-20261126');
    await server.operator.cash.recordBankTransfer.mutate({
      reference: f.remittanceRef,
      bankSerial: serial,
      amount: '2000.00',
    });
    await f.admin.prepaidCards.purchase.mutate({
      accountId: f.accountId,
      requestId: uid('buy'),
      denomination: '500.00',
      quantity: 2,
    });
    const voucher = await server.operator.vouchers.issue.mutate({
      accountId: f.accountId,
      requestId: uid('issue'),
      amount: '80.00',
      validity: { kind: 'days', days: 30 },
    });
    const charge = await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '1234.56'));
    const order = await server.operator.orders.create.mutate({
      accountId: f.accountId,
      requestId: uid('platform-order'),
      product: 'Observability Pro package',
      amount: '100.00',
    });
    await f.admin.orders.checkout.mutate({ orderId: order.orderId, useCards: false });
    await server.operator.orders.refund.mutate({ orderId: order.orderId });

    const cards = await f.admin.prepaidCards.list.query({ accountId: f.accountId });
    const numbers = new Map<string, string>([
      [voucher.voucherId, voucher.number],
      ...cards.map((card) => [card.cardId, card.number] as [string, string]),
    ]);
    const { items } = await f.admin.ledger.list.query({ accountId: f.accountId, limit: 500 });
    const seen = items.map((e) => [
      e.refType,
      e.reason,
      e.instrumentNumber,
      e.reference,
      e.referenceDetail,
    ]);
    const number = (id: string | null) => numbers.get(id ?? '') ?? null;
    const expected = items.map((e) => {
      switch (e.refType) {
        case 'bank_transfer':
          return [e.refType, e.reason, null, serial, null];
        case 'card_order':
          return [e.refType, e.reason, null, e.refId, '2 × 500.00'];
        case 'prepaid_card':
        case 'voucher':
          return [e.refType, e.reason, number(e.refId), number(e.refId), null];
        case 'charge':
          return [e.refType, e.reason, number(e.instrumentId), charge.chargeId, null];
        case 'order':
        case 'order_refund':
          return [e.refType, e.reason, null, order.orderId, 'Observability Pro package'];
        default:
          return ['unexpected', e.refType];
      }
    });
    expect(seen).toEqual(expected);
    // Every kind of reference appeared, and none of them is an internal id.
    expect(new Set(items.map((e) => e.refType))).toEqual(
      new Set([
        'bank_transfer',
        'card_order',
        'prepaid_card',
        'voucher',
        'charge',
        'order',
        'order_refund',
      ]),
    );
    expect(items.map((e) => e.reference).filter((r) => /^(vch|card|bt)_/.test(r))).toEqual([]);
    // The charge touched vouchers, cards and cash; those parts name the printed numbers.
    expect(items.filter((e) => e.refType === 'charge').map((e) => e.instrumentNumber)).toEqual(
      charge.parts.map((part) => part.instrumentNumber).reverse(),
    );
    // Entries of the workspace name it; the ids stay for links.
    const inWorkspace = items.filter((e) => e.workspaceId !== null);
    expect(inWorkspace.length).toBeGreaterThan(0);
    expect(new Set(inWorkspace.map((e) => [e.workspaceId, e.workspaceName].join()))).toEqual(
      new Set([`${f.workspaceId},main`]),
    );
  });

  it('names a paid top-up by its order number and Alipay trade number', async () => {
    const f = await newFixture(server);
    const topUp = await f.admin.cash.createTopUp.mutate({
      accountId: f.accountId,
      amount: '66.00',
    });
    const paid = await fetch(`${server.url}/payments/sandbox/pay`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Bearer ${f.adminKey}`,
      },
      body: new URLSearchParams({ orderId: topUp.orderId }).toString(),
    });
    expect(paid.status).toBe(200);
    const { items } = await f.admin.ledger.list.query({ accountId: f.accountId });
    expect(items.map((e) => [e.reason, e.amount, e.reference, e.referenceDetail])).toEqual([
      ['top_up', '66.00', topUp.orderId, `SANDBOX${topUp.orderId.slice(1)}`],
    ]);
  });
});

/** "2026-11-26 14:03:05 +08:00": Beijing wall-clock time with its offset, read independently. */
const BEIJING = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const beijingTime = (ms: number) => `${BEIJING.format(new Date(ms))} +08:00`;

const EN_HEADER = [
  'Entry ID',
  'Time (Beijing, UTC+8)',
  'Account',
  'Workspace',
  'Instrument',
  'Voucher or card number',
  'Amount (CNY)',
  'Balance after (CNY)',
  'Reason',
  'Refers to',
  'Reference',
  'Reference detail',
  'Account ID',
  'Workspace ID',
  'Instrument ID',
  'Reference ID',
  'Chain seq',
  'Previous hash',
  'Entry hash',
];

async function csvOf(path: string): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(`${server.url}${path}`, {
    headers: { authorization: `Bearer ${server.operatorKey}` },
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer()),
  };
}

describe('CSV export', () => {
  it('downloads every entry matching the filter, row for row as ledger.list', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '10.00');
    await f.metering.charges.settle.mutate(
      chargeInput(f.workspaceId, '12.34', { description: 'has, a comma' }),
    );
    const csv = await csvOf(`/ledger/export.csv?accountId=${f.accountId}`);
    expect(csv.status).toBe(200);
    expect(csv.type).toMatch(/^text\/csv/);
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    const [header, ...records] = parseCsv(csv.text.slice(1));
    expect(header).toEqual(EN_HEADER);
    const account = await f.admin.accounts.get.query({ accountId: f.accountId });
    const listed = await f.admin.ledger.list.query({ accountId: f.accountId });
    expect(records).toEqual(
      listed.items.map((e) => [
        String(e.entryId),
        beijingTime(e.createdAtMs),
        account.name,
        e.workspaceName ?? '',
        { cash: 'Cash', overdue: 'Overdue' }[e.instrument as 'cash' | 'overdue'],
        e.instrumentNumber ?? '',
        e.amount,
        e.balanceAfter ?? '',
        { charge: 'Charge', bank_transfer: 'Bank transfer' }[e.reason as 'charge'],
        { charge: 'Charge', bank_transfer: 'Transfer' }[e.refType as 'charge'],
        e.reference,
        e.referenceDetail ?? '',
        f.accountId,
        e.workspaceId ?? '',
        e.instrumentId ?? '',
        e.refId,
        String(e.seq),
        e.prevHash ?? '',
        e.hash ?? '',
      ]),
    );
    // Each row carries its link in the account's hash chain, newest (the head) first.
    expect(listed.items.map((e) => e.seq)).toEqual([3, 2, 1]);
    for (const e of listed.items) expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
    const head = await f.admin.ledger.head.query({ accountId: f.accountId });
    expect(head).toEqual({ accountId: f.accountId, seq: 3, hash: listed.items[0]?.hash });
    // Every row is an entry of this account: the transfer, then cash and overdue of the charge.
    expect(records.map((r) => r[8])).toEqual(['Charge', 'Charge', 'Bank transfer']);
    const filtered = await csvOf(`/ledger/export.csv?accountId=${f.accountId}&instrument=cash`);
    expect(parseCsv(filtered.text.slice(1))).toHaveLength(3);
  });

  it('speaks Chinese with lang=zh: headers, kinds and reasons in words, Beijing times', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '100.00');
    await f.admin.prepaidCards.purchase.mutate({
      accountId: f.accountId,
      requestId: uid('buy'),
      denomination: '100.00',
      quantity: 1,
    });
    const csv = await csvOf(`/ledger/export.csv?accountId=${f.accountId}&lang=zh`);
    expect(csv.status).toBe(200);
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...records] = parseCsv(csv.text.slice(1));
    expect(header?.slice(0, 12)).toEqual([
      '流水号',
      '时间（北京时间）',
      '账户',
      '工作空间',
      '资金类型',
      '券号/卡号',
      '金额（元）',
      '变动后余额（元）',
      '原因',
      '关联类型',
      '关联单号',
      '关联说明',
    ]);
    const listed = await f.admin.ledger.list.query({ accountId: f.accountId });
    const card = (await f.admin.prepaidCards.list.query({ accountId: f.accountId }))[0];
    // Newest first: the card credited, cash paying for it, the transfer.
    expect(records.map((r) => [r[4], r[5], r[6], r[8], r[9]])).toEqual([
      ['预付卡', card?.number, '100.00', '购买预付卡', '预付卡'],
      ['现金', '', '-100.00', '购买预付卡', '购卡订单'],
      ['现金', '', '100.00', '银行转账', '转账'],
    ]);
    expect(records.map((r) => r[1])).toEqual(listed.items.map((e) => beijingTime(e.createdAtMs)));
    for (const record of records)
      expect(record[1]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+08:00$/);
  });

  it('refuses a missing key, a bad filter and an unknown language', async () => {
    const f = await newFixture(server);
    const anonymous = await fetch(`${server.url}/ledger/export.csv?accountId=${f.accountId}`);
    expect(anonymous.status).toBe(401);
    const bad = await fetch(
      `${server.url}/ledger/export.csv?accountId=${f.accountId}&instrument=gold`,
      { headers: { authorization: `Bearer ${server.operatorKey}` } },
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ issues: [{ path: 'instrument' }] });
    const lang = await fetch(`${server.url}/ledger/export.csv?accountId=${f.accountId}&lang=fr`, {
      headers: { authorization: `Bearer ${server.operatorKey}` },
    });
    expect(lang.status).toBe(400);
    expect(await lang.json()).toMatchObject({ issues: [{ path: 'lang' }] });
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

describe('ledger.head', () => {
  it("gives an account's members its chain's head, and nobody else", async () => {
    const f = await newFixture(server);
    const other = await newFixture(server);
    expect(await f.admin.ledger.head.query({ accountId: f.accountId })).toEqual({
      accountId: f.accountId,
      seq: 0,
      hash: '',
    });
    await fundCash(server, f.remittanceRef, '5.00');
    const viewerKey = await server.operator.accounts.createApiKey.mutate({
      accountId: f.accountId,
      role: 'viewer',
      label: 'auditor',
    });
    const [newest] = (await f.admin.ledger.list.query({ accountId: f.accountId })).items;
    const head = { accountId: f.accountId, seq: 1, hash: newest?.hash };
    expect(
      await server.client(viewerKey.apiKey).ledger.head.query({ accountId: f.accountId }),
    ).toEqual(head);
    expect(await server.operator.ledger.head.query({ accountId: f.accountId })).toEqual(head);
    await expect(other.admin.ledger.head.query({ accountId: f.accountId })).rejects.toMatchObject({
      data: { code: 'FORBIDDEN' },
    });
    await expect(f.metering.ledger.head.query({ accountId: f.accountId })).rejects.toMatchObject({
      data: { code: 'FORBIDDEN' },
    });
    await expect(
      server.operator.ledger.head.query({ accountId: 'acc_missing' }),
    ).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
  });
});
