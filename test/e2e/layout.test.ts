/**
 * The layout at phone width and the language switch, in a real browser: at 375×800 the
 * account pages fit the screen (no horizontal scrolling of the page; wide tables scroll inside
 * their own box), and switching between 中文 and English changes the texts and is remembered
 * after a reload.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../helpers/browser.ts';
import {
  finishFile,
  openAccountPage,
  POLL,
  shownText,
  signInNewPerson,
  watchConsole,
} from '../helpers/e2e-fixtures.ts';
import {
  chargeInput,
  fundCash,
  newFixture,
  recentPeriod,
  uid,
  type Fixture,
} from '../helpers/factories.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const DAY_MS = 86_400_000;
const PHONE = { width: 375, height: 800 };
/** Sub-pixel rounding of the layout, and nothing more. */
const SLACK_PX = 1;

let server: TestServer;
let phone: BrowserContext;

beforeAll(async () => {
  [server, phone] = await Promise.all([startServer(), launchBrowser(PHONE)]);
});
afterAll(() => finishFile(server, phone));

/** An account with something in every section of the overview. */
async function busyAccount(): Promise<Fixture> {
  const f = await newFixture(server);
  await fundCash(server, f.remittanceRef, '123456.78');
  await f.admin.prepaidCards.purchase.mutate({
    accountId: f.accountId,
    requestId: uid('buy'),
    denomination: '10000.00',
    quantity: 1,
  });
  const nowMs = Date.now();
  await server.operator.vouchers.issue.mutate({
    accountId: f.accountId,
    requestId: uid('issue'),
    amount: '2000.00',
    validity: { kind: 'fixed', validFromMs: nowMs - DAY_MS, expiresAtMs: nowMs + 12 * DAY_MS },
  });
  for (const [amount, category] of [
    ['1234.56', 'general'],
    ['88.00', 'sms'],
    ['12.34', 'dial_testing'],
  ] as const) {
    // Recent billing periods: the overview charts spend by billing period, last 30 days.
    await f.metering.charges.settle.mutate(
      chargeInput(f.workspaceId, amount, { category, period: recentPeriod() }),
    );
  }
  return f;
}

function horizontalOverflow(page: Page) {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
}

describe('phone width', () => {
  it('the account pages fit a 375 px wide screen without horizontal scrolling', async () => {
    const f = await busyAccount();
    const page = await phone.newPage();
    const browserErrors = watchConsole(page);
    await signInNewPerson(page, server, f.accountId, 'admin');
    expect(await shownText(page, 'overview-cash')).toBe('¥113,456.78');
    await page.getByTestId('overview-chart-day').waitFor();
    await page.getByTestId('overview-expiring-item').waitFor();
    await page.getByLabel('Charge amount').fill('5000');
    await page.getByTestId('settlement-preview').waitFor();
    const overview = await horizontalOverflow(page);
    expect(overview.clientWidth).toBe(PHONE.width);
    await screenshot(page, 'layout-phone-overview');
    const widths: [string, number][] = [['/', overview.scrollWidth]];

    const pages = [
      ['/topup', 'topup-bank-reference'],
      ['/vouchers', 'voucher-row'],
      ['/cards', 'card-row'],
      ['/charges', 'charge-row'],
      ['/statement', 'ledger-row'],
      ['/invoices', 'invoices-available'],
    ] as const;
    for (const [path, testId] of pages) {
      await openAccountPage(page, server, f.accountId, path);
      await page.getByTestId(testId).first().waitFor();
      widths.push([path, (await horizontalOverflow(page)).scrollWidth]);
      await screenshot(page, `layout-phone${path.replace('/', '-')}`);
    }
    // Checked with something expiring within 30 days: its table must scroll in its own box.
    const tooWide = widths.filter(([, width]) => width > PHONE.width + SLACK_PX);
    expect(tooWide).toEqual([]);
    browserErrors.expectNone();
    await page.close();
  });
});

describe('language switch', () => {
  it('switches the texts between 中文 and English and remembers the choice', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '1000.00');
    const page = await phone.newPage();
    const browserErrors = watchConsole(page);
    await signInNewPerson(page, server, f.accountId, 'admin');
    const title = page.locator('#overview-title');
    const nav = page.getByRole('navigation', { name: 'main' });
    const language = page.getByTestId('language');
    // The browser speaks English, and nothing was chosen yet.
    await expect.poll(() => title.textContent(), POLL).toMatch(/^Overview/);
    expect(await language.inputValue()).toBe('en');

    await language.selectOption({ label: '中文' });
    await expect.poll(() => title.textContent(), POLL).toMatch(/^概览/);
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      '概览',
      '充值',
      '代金券',
      '预付卡',
      '费用',
      '账单明细',
      '发票',
      '工作空间',
      '通知',
      '提醒设置',
      'Webhook',
      '账号安全',
    ]);
    expect(await page.getByText('现金', { exact: true }).count()).toBe(1);
    await screenshot(page, 'language-chinese');

    await page.reload();
    await expect.poll(() => title.textContent(), POLL).toMatch(/^概览/);
    expect(await language.inputValue()).toBe('zh');
    expect(await page.getByRole('button', { name: '退出登录' }).count()).toBe(1);

    await language.selectOption({ label: 'English' });
    await expect.poll(() => title.textContent(), POLL).toMatch(/^Overview/);
    await page.reload();
    await expect.poll(() => title.textContent(), POLL).toMatch(/^Overview/);
    expect(await language.inputValue()).toBe('en');
    expect(await nav.getByRole('link').first().textContent()).toBe('Overview');
    await screenshot(page, 'language-english');
    browserErrors.expectNone();
    await page.close();
  });

  it('declares the language of the page, also after a reload', async () => {
    const f = await newFixture(server);
    const page = await phone.newPage();
    await signInNewPerson(page, server, f.accountId, 'admin');
    const language = page.getByTestId('language');
    await language.selectOption({ label: '中文' });
    await page.reload();
    const title = page.locator('#overview-title');
    await expect.poll(() => title.textContent(), POLL).toMatch(/^概览/);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await language.selectOption({ label: 'English' });
    await page.reload();
    await expect.poll(() => title.textContent(), POLL).toMatch(/^Overview/);
    // The page declares its language, so screen readers read it in the right voice.
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.close();
  });
});
