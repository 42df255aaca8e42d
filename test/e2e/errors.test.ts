/**
 * A Chinese error walk in a real browser: an admin using the UI in Chinese meets a validation
 * error the server gives (a malformed taxpayer id), a domain error with money in it (an
 * invoice above what another admin's request just left available) and a network failure
 * (every API request aborted). Each shows next to its field or in the form's alert, in
 * Chinese — money formatted as ¥ with separators — with no English word on the screen.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../helpers/browser.ts';
import {
  finishFile,
  openAccountPage,
  POLL,
  signInNewPerson,
  watchConsole,
} from '../helpers/e2e-fixtures.ts';
import { chargeInput, fundCash, newFixture, uid } from '../helpers/factories.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: BrowserContext;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(() => finishFile(server, browser));

/** Every error text the page shows: field reasons and alerts. */
async function shownErrors(page: Page): Promise<string[]> {
  const texts = await page.locator('.field-error, [role="alert"], p.error').allTextContents();
  return texts.map((text) => text.trim()).filter((text) => text !== '');
}

/** An error text fit for the Chinese UI: Chinese words, no Latin letters at all. */
function expectChinese(text: string): void {
  expect(text).toMatch(/[\u4e00-\u9fff]/);
  expect(text).not.toMatch(/[A-Za-z]/);
}

describe('errors in Chinese', () => {
  it('shows a validation error, a domain error and a network failure in Chinese', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '50000.00');
    // Spent cash becomes invoiceable: ¥28,504.85.
    await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '28504.85'));

    const page = await browser.newPage();
    const browserErrors = watchConsole(page);
    await signInNewPerson(page, server, f.accountId, 'admin');
    await page.getByTestId('language').selectOption({ label: '中文' });
    await openAccountPage(page, server, f.accountId, '/invoices');
    await expect
      .poll(() => page.getByTestId('invoices-available').textContent(), POLL)
      .toBe('¥28,504.85');

    // A taxpayer id the server refuses: the reason by the field, in Chinese.
    await page.getByTestId('invoice-title').fill('杭州示例科技有限公司');
    await page.getByTestId('invoice-tax-id').fill('ABC123');
    await page.getByTestId('invoice-amount').fill('20000.00');
    await page.getByTestId('invoice-email').fill('finance@example.test');
    await page.getByTestId('invoice-submit').click();
    const taxIdError = page.getByTestId('error-taxId');
    await expect
      .poll(() => taxIdError.textContent(), POLL)
      .toBe('请输入 15、18 或 20 位数字或大写字母。');
    await screenshot(page, 'errors-zh-validation');
    for (const text of await shownErrors(page)) expectChinese(text);

    // Another admin requests ¥10,000.00 meanwhile; the page still says ¥28,504.85 is left.
    await f.admin.invoices.request.mutate({
      accountId: f.accountId,
      requestId: uid('inv'),
      title: 'Other request',
      taxId: '91330100MA2B3C4D5E',
      amount: '10000.00',
      email: 'other@example.test',
      type: 'general',
    });
    await page.getByTestId('invoice-tax-id').fill('91330100MA2B3C4D5E');
    await page.getByTestId('invoice-submit').click();
    const amountError = page.getByTestId('invoice-amount-error');
    await expect.poll(() => amountError.textContent(), POLL).toBe('金额不能超过 ¥18,504.85。');
    expect(await taxIdError.count()).toBe(0);
    await screenshot(page, 'errors-zh-domain');
    for (const text of await shownErrors(page)) expectChinese(text);

    // The network fails: every API request is aborted before it leaves the browser.
    await page.route('**/trpc/**', (route) => route.abort('internetdisconnected'));
    await page.getByTestId('invoice-amount').fill('100.00');
    await page.getByTestId('invoice-submit').click();
    const alert = page.getByRole('alert');
    await expect
      .poll(() => alert.textContent(), POLL)
      .toBe('无法连接服务器，请检查网络连接后重试。');
    await screenshot(page, 'errors-zh-network');
    const shown = await shownErrors(page);
    expect(shown.length).toBeGreaterThan(0);
    for (const text of shown) expectChinese(text);
    await page.unroute('**/trpc/**');

    // Nothing was requested but the other admin's invoice.
    const invoices = await f.admin.invoices.list.query({ accountId: f.accountId });
    expect(invoices.map((invoice) => invoice.amount)).toEqual(['10000.00']);
    browserErrors.expectNone([
      /status of 400 .*invoices\.request/,
      /status of 412 .*invoices\.request/,
      /ERR_INTERNET_DISCONNECTED|Failed to fetch/,
    ]);
    await page.close();
  });
});
