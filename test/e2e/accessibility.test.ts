/**
 * Accessibility of every page, in a real browser: axe-core finds no serious or critical
 * violation on the sign-in page, every page of an account with something in every section
 * (as its admin, at desktop and phone width), the forms in their refusing states, the
 * operator console, and the not-found page. The skip link is the first thing the keyboard
 * reaches and moves focus to the page.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityAudit } from '../helpers/axe.ts';
import { launchBrowser, signInAs } from '../helpers/browser.ts';
import {
  finishFile,
  openAccountPage,
  POLL,
  signInNewPerson,
  watchConsole,
} from '../helpers/e2e-fixtures.ts';
import { chargeInput, fundCash, newFixture, uid, type Fixture } from '../helpers/factories.ts';
import {
  OPERATOR_EMAIL,
  OPERATOR_PASSWORD,
  startServer,
  type TestServer,
} from '../helpers/server.ts';

const DAY_MS = 86_400_000;
/** Many pages per test, each checked by axe, on a machine that may be busy. */
const LONG = { timeout: 600_000 };
const PHONE = { width: 390, height: 844 };

let server: TestServer;
let browser: BrowserContext;
let f: Fixture;
let chargeId = '';
let invoiceId = '';

/** An account with something on every page: cards, vouchers, charges, invoices, top-ups. */
async function busyAccount(): Promise<Fixture> {
  const fixture = await newFixture(server);
  await fundCash(server, fixture.remittanceRef, '50000.00');
  await fixture.admin.prepaidCards.purchase.mutate({
    accountId: fixture.accountId,
    requestId: uid('buy'),
    denomination: '10000.00',
    quantity: 1,
  });
  const nowMs = Date.now();
  await server.operator.vouchers.issue.mutate({
    accountId: fixture.accountId,
    requestId: uid('issue'),
    amount: '2000.00',
    validity: { kind: 'fixed', validFromMs: nowMs - DAY_MS, expiresAtMs: nowMs + 12 * DAY_MS },
  });
  for (const [amount, category] of [
    ['12345.67', 'general'],
    ['88.00', 'sms'],
  ] as const) {
    const charge = await fixture.metering.charges.settle.mutate(
      chargeInput(fixture.workspaceId, amount, { category }),
    );
    chargeId = charge.chargeId;
  }
  const invoice = await fixture.admin.invoices.request.mutate({
    accountId: fixture.accountId,
    requestId: uid('inv'),
    title: 'Acme Robotics Co., Ltd.',
    taxId: '91310000MA1FL8XQ3K',
    amount: '1000.00',
    email: 'finance@acme.example',
    type: 'special',
    address: '上海市浦东新区世纪大道 100 号',
    phone: '021-6888 8888',
    bankName: '中国工商银行上海分行',
    bankAccount: '1001 2345 6789 0123 456',
  });
  invoiceId = invoice.invoiceId;
  await server.operator.invoices.issue.mutate({ invoiceId, invoiceNumber: uid('FP') });
  await fixture.admin.invoices.request.mutate({
    accountId: fixture.accountId,
    requestId: uid('inv'),
    title: 'Acme Robotics Co., Ltd.',
    taxId: '91310000MA1FL8XQ3K',
    amount: '10.00',
    email: 'finance@acme.example',
    type: 'general',
  });
  await fixture.admin.cash.createTopUp.mutate({ accountId: fixture.accountId, amount: '500.00' });
  await server.operator.vouchers.createCodeBatch.mutate({
    requestId: uid('batch'),
    amount: '100.00',
    quantity: 2,
    codeDeadlineMs: nowMs + 30 * DAY_MS,
    validity: { kind: 'days', days: 30 },
  });
  return fixture;
}

/** Waits until the page has its heading and nothing on it is still loading. */
async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor();
  await expect.poll(() => page.getByText(/^(Loading…|加载中…)$/).count(), POLL).toBe(0);
}

const ACCOUNT_PATHS = () => [
  '',
  '/topup',
  '/vouchers',
  '/cards',
  '/charges',
  `/charges/${chargeId}`,
  '/statement',
  '/invoices',
  `/invoices/${invoiceId}`,
  '/workspaces',
  '/notifications',
  '/alerts',
  '/webhooks',
  '/no-such-page',
];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  f = await busyAccount();
});
afterAll(() => finishFile(server, browser));

describe('accessibility (axe-core: no serious or critical violations)', () => {
  it('the sign-in page, in both languages', LONG, async () => {
    const page = await browser.newPage();
    const errors = watchConsole(page);
    const axe = accessibilityAudit();
    // English last: the language is remembered for the other tests of this browser.
    for (const language of ['zh', 'en']) {
      await page.goto(`${server.url}/signin`);
      await page.evaluate((lang) => localStorage.setItem('wallet.language', lang), language);
      await page.reload();
      await page.getByRole('button', { name: /sign in|登录/i }).waitFor();
      await axe.check(page, `sign-in (${language})`);
    }
    axe.expectNone();
    errors.expectNone();
    await page.close();
  });

  it("every page of an account, as its admin, at desktop and phone width", LONG, async () => {
    const page = await browser.newPage();
    const errors = watchConsole(page);
    const axe = accessibilityAudit();
    await signInNewPerson(page, server, f.accountId, 'admin');
    for (const viewport of [{ width: 1280, height: 860 }, PHONE]) {
      await page.setViewportSize(viewport);
      for (const path of ACCOUNT_PATHS()) {
        await openAccountPage(page, server, f.accountId, path);
        await settled(page);
        await axe.check(page, `${path || '/'} at ${viewport.width}px`);
      }
    }
    axe.expectNone();
    errors.expectNone();
    await page.close();
  });

  it('the forms in their refusing and confirming states', LONG, async () => {
    const page = await browser.newPage();
    const errors = watchConsole(page);
    const axe = accessibilityAudit();
    await signInNewPerson(page, server, f.accountId, 'admin');

    // A purchase above cash: the refusal and its top-up link.
    await openAccountPage(page, server, f.accountId, '/cards');
    await page.getByLabel('Denomination per card (multiples of 100)').fill('90000');
    await page.getByTestId('cards-above-cash').waitFor();
    await axe.check(page, 'cards above cash');

    // An invoice request of the special kind, sent without its buyer details.
    await openAccountPage(page, server, f.accountId, '/invoices');
    await page.getByLabel('Special VAT invoice').check();
    await page.getByRole('button', { name: 'Request invoice' }).click();
    await page.getByTestId('error-address').waitFor();
    await axe.check(page, 'invoice form with reasons');

    // The settlement method, open, and its confirmation for a cloud account.
    await openAccountPage(page, server, f.accountId, '/workspaces');
    await page.getByRole('button', { name: 'Change method' }).click();
    await page.getByLabel('Settlement method').selectOption('cloud_account');
    await page.getByLabel('Cloud account ID').fill('111122223333');
    await page.getByRole('button', { name: 'Save method' }).click();
    await page.getByTestId('workspace-cloud-confirm').waitFor();
    await axe.check(page, 'cloud confirmation');
    axe.expectNone();
    errors.expectNone();
    await page.close();
  });

  it('the operator console', LONG, async () => {
    const page = await browser.newPage();
    const errors = watchConsole(page);
    const axe = accessibilityAudit();
    await signInAs(page, server.url, OPERATOR_EMAIL, OPERATOR_PASSWORD);
    for (const path of [
      '/operator',
      `/operator/accounts/${f.accountId}`,
      '/operator/codes',
      '/operator/invoices',
      '/operator/audit',
      '/operator/webhooks',
      '/operator/no-such-page',
      '/accounts/no-such-account',
    ]) {
      await page.goto(`${server.url}${path}`);
      await settled(page);
      await axe.check(page, path);
    }
    axe.expectNone();
    errors.expectNone([/status of 404 .*no-such-account/]);
    await page.close();
  });

  it('starts with a skip link that moves focus to the page', LONG, async () => {
    const page = await browser.newPage();
    await signInNewPerson(page, server, f.accountId, 'viewer');
    await settled(page);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    expect(await skip.evaluate((link) => link === document.activeElement)).toBe(true);
    expect(await skip.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');
    // The next Tab lands inside the page, past the menus.
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(() => Boolean(document.activeElement?.closest('#main-content'))),
    ).toBe(true);
    await page.close();
  });
});
