/**
 * What the charges add up to: totals of a filtered set (computed by the server over every
 * matching charge, checked against the listed charges and against the sums worked out by
 * hand), spend by billing period (the day a period starts, not the day it was settled), and
 * the charges CSV (BOM, Beijing times, the reader's language, the same rows as the list).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addFen, amountToFen, fenToAmount } from '../../common/money.ts';
import { DAY_MS, startOfShanghaiDayMs } from '../../common/time.ts';
import type { WalletClient } from '../../server/client.ts';
import { parseCsv } from '../helpers/e2e-fixtures.ts';
import {
  chargeInput,
  expectCleanAudit,
  fundCash,
  newFixture,
  recentPeriod,
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

type Charge = Awaited<ReturnType<WalletClient['charges']['get']['query']>>;
type Filter = Parameters<WalletClient['charges']['totals']['query']>[0];

/** Every charge the filter lists, page by page. */
async function listAll(client: WalletClient, filter: Filter): Promise<Charge[]> {
  const charges: Charge[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.charges.list.query({ ...filter, limit: 2, cursor });
    charges.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return charges;
}

const WAY = {
  regular_voucher: 'voucher',
  discount_voucher: 'voucher',
  prepaid_card: 'card',
  cash: 'cash',
  overdue: 'overdue',
  cloud_account: 'cloud',
} as const;

/** The totals worked out in the test from the listed charges and their parts. */
function summed(charges: readonly Charge[]) {
  const fen = { amount: 0, voucher: 0, card: 0, cash: 0, overdue: 0, cloud: 0 };
  for (const charge of charges) {
    fen.amount = addFen(fen.amount, amountToFen(charge.amount));
    for (const part of charge.parts) {
      fen[WAY[part.source]] = addFen(fen[WAY[part.source]], amountToFen(part.amount));
    }
  }
  return {
    count: charges.length,
    amount: fenToAmount(fen.amount),
    voucher: fenToAmount(fen.voucher),
    card: fenToAmount(fen.card),
    cash: fenToAmount(fen.cash),
    overdue: fenToAmount(fen.overdue),
    cloud: fenToAmount(fen.cloud),
  };
}

/** Forty days before yesterday's period: touching no window that starts yesterday. */
const OLD_PERIOD = {
  startMs: recentPeriod().startMs - 40 * DAY_MS,
  endMs: recentPeriod().startMs - 39 * DAY_MS,
};

/**
 * An account paying in every way: a regular voucher, a discount voucher and a card (bought
 * for 10,000, which earns the 1,000 voucher), cash, overdue, and a cloud-settled workspace.
 */
async function payingEveryWay(): Promise<Fixture & { cloudWorkspaceId: string }> {
  const f = await newFixture(server);
  const cloud = await server.operator.workspaces.create.mutate({
    accountId: f.accountId,
    workspaceId: uid('ws-cloud'),
    name: 'cloud',
  });
  await server.operator.workspaces.setSettlementMethod.mutate({
    workspaceId: cloud.workspaceId,
    settlement: { method: 'cloud_account', cloudProvider: 'aws', cloudAccountId: '123456789012' },
  });
  await fundCash(server, f.remittanceRef, '10500.00');
  await f.admin.prepaidCards.purchase.mutate({
    accountId: f.accountId,
    requestId: uid('buy'),
    denomination: '10000.00',
    quantity: 1,
  });
  await server.operator.vouchers.issue.mutate({
    accountId: f.accountId,
    requestId: uid('issue'),
    amount: '50.00',
    validity: { kind: 'days', days: 30 },
  });
  const recent = recentPeriod();
  const settle = (workspaceId: string, amount: string, options = {}) =>
    f.metering.charges.settle.mutate(chargeInput(workspaceId, amount, options));
  await settle(f.workspaceId, '100.00', { period: recent });
  await settle(f.workspaceId, '20.00', { category: 'sms', period: OLD_PERIOD });
  await settle(f.workspaceId, '11500.00', { period: OLD_PERIOD });
  await settle(cloud.workspaceId, '30.00', { period: recent });
  await settle(f.workspaceId, '5.00', { category: 'dial_testing', period: recent });
  return { ...f, cloudWorkspaceId: cloud.workspaceId };
}

describe('charges.totals', () => {
  it('adds up every charge of the filter, by how it was paid, as the list does', async () => {
    const f = await payingEveryWay();
    const all = await f.admin.charges.totals.query({ accountId: f.accountId });
    // Worked out by hand: 100 = 50 regular + 50 discount voucher; 20 sms = card;
    // 11,500 = 950 discount voucher + 9,980 card + 500 cash + 70 overdue; 30 = cloud;
    // 5 dial testing = overdue (the card is used up).
    expect(all).toEqual({
      count: 5,
      amount: '11655.00',
      voucher: '1050.00',
      card: '10000.00',
      cash: '500.00',
      overdue: '75.00',
      cloud: '30.00',
    });
    expect(all).toEqual(summed(await listAll(f.admin, { accountId: f.accountId })));

    const filters: Filter[] = [
      { accountId: f.accountId, category: 'general' },
      { accountId: f.accountId, workspaceId: f.cloudWorkspaceId },
      { accountId: f.accountId, periodFromMs: recentPeriod().startMs },
      { accountId: f.accountId, periodToMs: recentPeriod().startMs },
    ];
    for (const filter of filters) {
      const listed = await listAll(f.admin, filter);
      expect(listed.length).toBeGreaterThan(0);
      expect(await f.admin.charges.totals.query(filter)).toEqual(summed(listed));
    }
    // The period filter keeps the charges whose period touches the window, and only those.
    const recent = await listAll(f.admin, filters[2]!);
    expect(recent.map((c) => c.amount).sort()).toEqual(['100.00', '30.00', '5.00']);
  });

  it('confines members to their own account', async () => {
    const mine = await newFixture(server);
    const other = await newFixture(server);
    await expect(
      mine.admin.charges.totals.query({ accountId: other.accountId }),
    ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
  });
});

describe('charges.spend', () => {
  it('buckets spend by the day the billing period starts, not the day it was settled', async () => {
    const f = await newFixture(server);
    const todayMs = startOfShanghaiDayMs(Date.now());
    const day = (daysAgo: number) => ({
      startMs: todayMs - daysAgo * DAY_MS,
      endMs: todayMs - (daysAgo - 1) * DAY_MS,
    });
    // Usage of three days, posted all at once today.
    await f.metering.charges.settleBatch.mutate({
      charges: [
        chargeInput(f.workspaceId, '10.00', { period: day(3) }),
        chargeInput(f.workspaceId, '2.50', { period: day(3), category: 'sms' }),
        chargeInput(f.workspaceId, '20.00', { period: day(2) }),
        chargeInput(f.workspaceId, '7.00', { period: day(40) }),
      ],
    });
    const spend = await f.admin.charges.spend.query({
      accountId: f.accountId,
      fromMs: todayMs - 29 * DAY_MS,
    });
    const dayKey = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(spend.byDay).toEqual([
      { day: dayKey(day(3).startMs), amount: '12.50' },
      { day: dayKey(day(2).startMs), amount: '20.00' },
    ]);
    expect(spend).toMatchObject({ count: 3, total: '32.50' });
    expect([...spend.byCategory].sort((a, b) => a.category.localeCompare(b.category))).toEqual([
      { category: 'general', amount: '30.00' },
      { category: 'sms', amount: '2.50' },
    ]);
    expect(spend.byWorkspace).toEqual([
      { workspaceId: f.workspaceId, name: 'main', amount: '32.50' },
    ]);
  });
});

describe('charges CSV export', () => {
  it('downloads the listed charges with a BOM, Beijing times and Chinese words', async () => {
    const f = await payingEveryWay();
    const response = await fetch(
      `${server.url}/charges/export.csv?accountId=${f.accountId}&lang=zh`,
      { headers: { authorization: `Bearer ${server.operatorKey}` } },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="charges-${f.accountId}.csv"`,
    );
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...records] = parseCsv(text.slice(1));
    expect(header).toEqual([
      '费用 ID',
      '结算时间（北京时间）',
      '账期开始',
      '账期结束',
      '工作空间',
      '类别',
      '说明',
      '金额（元）',
      '代金券支付',
      '预付卡支付',
      '现金支付',
      '计入欠费',
      '计入云市场账户',
      '账户 ID',
      '工作空间 ID',
    ]);
    const listed = await listAll(f.admin, { accountId: f.accountId });
    const category = { general: '按量付费', sms: '短信', dial_testing: '拨测' };
    const names = { [f.workspaceId]: 'main', [f.cloudWorkspaceId]: 'cloud' };
    expect(records).toEqual(
      listed.map((c) => {
        const paid = summed([c]);
        return [
          c.chargeId,
          beijingTime(c.settledAtMs),
          beijingTime(c.periodStartMs),
          beijingTime(c.periodEndMs),
          names[c.workspaceId],
          category[c.category],
          c.description,
          c.amount,
          paid.voucher,
          paid.card,
          paid.cash,
          c.overdue,
          c.cloud,
          f.accountId,
          c.workspaceId,
        ];
      }),
    );
    // The same filter as the list: only SMS.
    const sms = await fetch(
      `${server.url}/charges/export.csv?accountId=${f.accountId}&category=sms`,
      { headers: { authorization: `Bearer ${server.operatorKey}` } },
    );
    const smsRows = parseCsv((await sms.text()).replace(/^\uFEFF/, ''));
    expect(smsRows[0]?.[0]).toBe('Charge ID');
    expect(smsRows.slice(1).map((row) => [row[5], row[7]])).toEqual([['SMS', '20.00']]);
  });

  it('refuses a stranger and a bad filter', async () => {
    const mine = await newFixture(server);
    const other = await newFixture(server);
    const key = await server.operator.accounts.createApiKey.mutate({
      accountId: mine.accountId,
      role: 'viewer',
      label: 'viewer',
    });
    const headers = { authorization: `Bearer ${key.apiKey}` };
    const stranger = await fetch(`${server.url}/charges/export.csv?accountId=${other.accountId}`, {
      headers,
    });
    expect(stranger.status).toBe(403);
    const bad = await fetch(`${server.url}/charges/export.csv?category=gold`, { headers });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ issues: [{ path: 'category' }] });
  });
});

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

/** "2026-11-26 14:03:05 +08:00", worked out independently of the server. */
function beijingTime(ms: number): string {
  return `${BEIJING.format(new Date(ms))} +08:00`;
}
