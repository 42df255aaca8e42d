/**
 * The UI under its Content-Security-Policy in a real browser: the pages that use what a
 * strict policy most often breaks — the overview's chart (canvas, styles set by script), the
 * top-up QR code (a data: image), the sandbox checkout page (its own stylesheet), the
 * operator's console — work and report no violation. And another page cannot frame the UI.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signInAs } from '../helpers/browser.ts';
import {
  finishFile,
  openAccountPage,
  shownText,
  signInNewPerson,
  watchConsole,
} from '../helpers/e2e-fixtures.ts';
import { chargeInput, fundCash, newFixture, recentPeriod } from '../helpers/factories.ts';
import {
  OPERATOR_EMAIL,
  OPERATOR_PASSWORD,
  startServer,
  type TestServer,
} from '../helpers/server.ts';

let server: TestServer;
let browser: BrowserContext;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(() => finishFile(server, browser));

declare global {
  interface Window {
    cspViolations?: string[];
  }
}

/** A page that records every CSP violation the browser reports, from its first script on. */
async function watchedPage(): Promise<Page> {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.cspViolations?.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return page;
}

async function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => window.cspViolations ?? []);
}

describe('the UI under its Content-Security-Policy', () => {
  it('draws the chart, the QR code and the sandbox checkout with no violation', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '200.00');
    // Spend charts count a charge on the day its billing period starts: a recent one.
    await f.metering.charges.settle.mutate(
      chargeInput(f.workspaceId, '12.34', { period: recentPeriod() }),
    );
    const page = await watchedPage();
    const errors = watchConsole(page);
    await signInNewPerson(page, server, f.accountId, 'admin');

    await openAccountPage(page, server, f.accountId);
    const chart = page.locator('canvas').first();
    await chart.waitFor();
    expect(await chart.evaluate((canvas: HTMLCanvasElement) => canvas.width)).toBeGreaterThan(0);
    expect(await violations(page)).toEqual([]);

    await openAccountPage(page, server, f.accountId, '/topup');
    await page.getByLabel('Amount (CNY)').fill('10.00');
    await page.getByRole('button', { name: 'Pay with Alipay' }).click();
    const qr = page.getByTestId('topup-qr');
    await qr.waitFor();
    await expect
      .poll(() => qr.evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBeGreaterThan(100);
    expect(await violations(page)).toEqual([]);

    const checkoutUrl = await page.getByTestId('topup-checkout-link').getAttribute('href');
    const checkout = await watchedPage();
    const checkoutErrors = watchConsole(checkout);
    await checkout.goto(checkoutUrl ?? '');
    expect(await shownText(checkout, 'amount')).toBe('10.00 CNY');
    // The stylesheet applied: the Pay button has its colour.
    const pay = checkout.getByRole('button', { name: 'Pay' });
    expect(await pay.evaluate((button) => getComputedStyle(button).backgroundColor)).toBe(
      'rgb(22, 119, 255)',
    );
    await pay.click();
    await checkout.getByTestId('paid').waitFor();
    expect(await violations(checkout)).toEqual([]);
    checkoutErrors.expectNone();
    errors.expectNone();
    await Promise.all([page.close(), checkout.close()]);
  });

  it("shows the operator's console with no violation", async () => {
    const page = await watchedPage();
    const errors = watchConsole(page);
    await signInAs(page, server.url, OPERATOR_EMAIL, OPERATOR_PASSWORD);
    for (const path of ['/operator', '/operator/codes', '/operator/invoices', '/operator/audit']) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('navigation').first().waitFor();
      expect(await violations(page)).toEqual([]);
    }
    errors.expectNone();
    await page.close();
  });

  it('cannot be framed by another page', async () => {
    const page = await browser.newPage();
    const errors = watchConsole(page);
    await page.setContent(`<iframe title="wallet" src="${server.url}/signin"></iframe>`);
    const frame = page.frameLocator('iframe');
    // The browser refuses the frame (frame-ancestors 'none', X-Frame-Options DENY): no sign-in
    // form ever appears inside it.
    await expect
      .poll(() => errors.errors.some((error) => /frame-ancestors|Refused to (display|frame)/.test(error)))
      .toBe(true);
    expect(await frame.locator('input').count()).toBe(0);
    errors.expectNone([/frame-ancestors|Refused to (display|frame)/]);
    await page.close();
  });
});
