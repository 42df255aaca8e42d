/**
 * Online top-up through the real UI and the local Alipay sandbox: the admin enters an amount,
 * gets the checkout (link and QR code), pays on the sandbox page (which signs a notify and
 * hands it to the real verify-and-credit path), and the order shows paid; the overview's cash
 * rose by exactly the amount. The page says "sandbox payments — not real money" while the
 * sandbox pays; a payment whose notification was lost shows paid once the admin asks to check
 * it; and a server with no payment provider offers bank transfer only.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addFen, amountToFen } from '../../common/money.ts';
import { launchBrowser, screenshot } from '../helpers/browser.ts';
import {
  fenShown,
  finishFile,
  openAccountPage,
  POLL,
  shownText,
  signInNewPerson,
  watchConsole,
} from '../helpers/e2e-fixtures.ts';
import { fundCash, newFixture } from '../helpers/factories.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: BrowserContext;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(() => finishFile(server, browser));

async function overviewCashFen(page: Page, accountId: string): Promise<number> {
  await openAccountPage(page, server, accountId);
  return fenShown(await shownText(page, 'overview-cash'));
}

describe('top-up through the sandbox checkout', () => {
  it('pays an order on the checkout page; the order shows paid and cash rises by it', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '100.00');
    const page = await browser.newPage();
    const browserErrors = watchConsole(page);
    await signInNewPerson(page, server, f.accountId, 'admin');
    const cashBeforeFen = await overviewCashFen(page, f.accountId);
    expect(cashBeforeFen).toBe(10_000);

    const nav = page.getByRole('navigation', { name: 'main' });
    await nav.getByRole('link', { name: 'Top up', exact: true }).click();
    await page.waitForURL(/\/topup$/);
    const banner = page.getByTestId('topup-sandbox-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Sandbox payments — not real money.');
    await page.getByLabel('Amount (CNY)').fill('1234.56');
    await page.getByRole('button', { name: 'Pay with Alipay' }).click();
    const checkout = page.getByTestId('topup-checkout');
    await checkout.waitFor();
    expect(await checkout.getByRole('heading').textContent()).toBe('Pay ¥1,234.56 with Alipay');
    expect(await page.getByTestId('topup-status').getAttribute('data-status')).toBe('pending');

    // The QR code is an image the browser decoded, not a broken or empty one.
    const qr = page.getByTestId('topup-qr');
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    const decodedWidth = await qr.evaluate((img: HTMLImageElement) => img.naturalWidth);
    expect(decodedWidth).toBeGreaterThan(100);
    const link = page.getByTestId('topup-checkout-link');
    const pageUrl = await link.getAttribute('href');
    expect(pageUrl).toMatch(new RegExp(`^${server.url}/payments/sandbox/checkout\\?orderId=`));
    await screenshot(page, 'topup-checkout');

    // The link opens the checkout in a new tab, as it would open Alipay.
    const [checkoutPage] = await Promise.all([browser.waitForEvent('page'), link.click()]);
    await checkoutPage.waitForLoadState();
    expect(await checkoutPage.getByTestId('amount').textContent()).toBe('1,234.56 CNY');
    await checkoutPage.getByRole('button', { name: 'Pay' }).click();
    const paid = checkoutPage.getByTestId('paid');
    await paid.waitFor();
    expect(await paid.textContent()).toContain('Paid 1,234.56 CNY');
    await screenshot(checkoutPage, 'topup-sandbox-paid');
    await checkoutPage.close();

    // Back on the wallet: the order's status turns to paid by itself (the page polls).
    await page.bringToFront();
    const status = page.getByTestId('topup-status');
    await expect.poll(() => status.getAttribute('data-status'), POLL).toBe('paid');
    expect(await shownText(page, 'topup-balance')).toBe('¥1,334.56');
    await screenshot(page, 'topup-paid');

    const cashAfterFen = await overviewCashFen(page, f.accountId);
    expect(cashAfterFen).toBe(addFen(cashBeforeFen, amountToFen('1234.56')));
    browserErrors.expectNone();
    await page.close();
  });

  it('shows paid after "check payment" when the notification was lost', async () => {
    const f = await newFixture(server);
    const page = await browser.newPage();
    const browserErrors = watchConsole(page);
    await signInNewPerson(page, server, f.accountId, 'admin');
    await openAccountPage(page, server, f.accountId, '/topup');
    await page.getByLabel('Amount (CNY)').fill('88.80');
    await page.getByRole('button', { name: 'Pay with Alipay' }).click();
    const link = page.getByTestId('topup-checkout-link');
    await link.waitFor();

    const [checkoutPage] = await Promise.all([browser.waitForEvent('page'), link.click()]);
    await checkoutPage.waitForLoadState();
    await checkoutPage.getByLabel('Lose the notification (to try reconciliation)').check();
    await checkoutPage.getByRole('button', { name: 'Pay' }).click();
    await checkoutPage.getByTestId('paid').waitFor();
    await checkoutPage.close();

    await page.bringToFront();
    const status = page.getByTestId('topup-status');
    expect(await status.getAttribute('data-status')).toBe('pending');
    await page.getByRole('button', { name: 'I have paid — check payment' }).click();
    await expect.poll(() => status.getAttribute('data-status'), POLL).toBe('paid');
    expect(await shownText(page, 'topup-balance')).toBe('¥88.80');
    browserErrors.expectNone();
    await page.close();
  });
});

describe('a server with no payment provider', () => {
  it('says online top-up is not available and offers bank transfer only', async () => {
    const plain = await startServer({ env: { WALLET_PAYMENTS: '' } });
    try {
      const f = await newFixture(plain);
      const page = await browser.newPage();
      const browserErrors = watchConsole(page);
      await signInNewPerson(page, plain, f.accountId, 'admin');
      await openAccountPage(page, plain, f.accountId, '/topup');
      const note = page.getByTestId('topup-not-configured');
      await note.waitFor();
      expect(await note.textContent()).toContain('Online top-up is not available');
      expect(await page.getByTestId('topup-form').count()).toBe(0);
      expect(await page.getByTestId('topup-sandbox-banner').count()).toBe(0);
      expect(await page.getByTestId('topup-bank-reference').textContent()).toBe(f.remittanceRef);
      browserErrors.expectNone();
      await page.close();
    } finally {
      await plain.stop();
    }
  });
});
