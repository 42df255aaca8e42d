/**
 * *Buy cards* through the real UI: 3 cards of 10,000.00 — the total and the 5,000.00 discount
 * voucher the order earns are on screen before the admin confirms (and nothing is bought
 * until then); after confirming, the cards list shows the 3 cards, the vouchers list the
 * discount voucher, and cash dropped by exactly 30,000.00.
 */
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amountToFen, subFen } from '../../common/money.ts';
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

describe('buy prepaid cards', () => {
  it('shows total and discount tier before confirming, then buys 3 cards with cash', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '45678.90');
    const page = await browser.newPage();
    const browserErrors = watchConsole(page);
    await signInNewPerson(page, server, f.accountId, 'admin');
    const cashBeforeFen = fenShown(await shownText(page, 'overview-cash'));
    expect(cashBeforeFen).toBe(amountToFen('45678.90'));

    await openAccountPage(page, server, f.accountId, '/cards');
    await page.getByLabel('Denomination per card (multiples of 100)').fill('10000');
    await page.getByLabel('Quantity').fill('3');
    const total = page.getByTestId('cards-quote-total');
    await expect.poll(() => total.textContent(), POLL).toBe('¥30,000.00');
    const voucher = page.getByTestId('cards-quote-voucher');
    expect(await voucher.getAttribute('data-voucher')).toBe('5000.00');
    expect(await voucher.textContent()).toContain('earns a ¥5,000.00 discount voucher');

    await page.getByRole('button', { name: 'Review purchase' }).click();
    const confirmStep = page.getByTestId('cards-confirm-step');
    await confirmStep.waitFor();
    expect(await confirmStep.getByTestId('cards-confirm-summary').textContent()).toBe(
      '3 × ¥10,000.00 = ¥30,000.00, paid from cash.',
    );
    expect(await confirmStep.getByTestId('cards-quote-total').textContent()).toBe('¥30,000.00');
    expect(await confirmStep.getByTestId('cards-quote-voucher').textContent()).toContain(
      '¥5,000.00 discount voucher',
    );
    await screenshot(page, 'cards-confirm');
    // Shown, not yet bought.
    expect(await f.admin.prepaidCards.list.query({ accountId: f.accountId })).toEqual([]);
    expect((await f.admin.accounts.get.query({ accountId: f.accountId })).cash).toBe('45678.90');

    await page.getByRole('button', { name: 'Buy for ¥30,000.00' }).click();
    const result = page.getByTestId('cards-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('Bought 3 card(s) for ¥30,000.00');
    await expect.poll(() => page.getByTestId('card-row').count(), POLL).toBe(3);
    const rows = await page.getByTestId('card-row').all();
    for (const row of rows) {
      const cells = await row.getByRole('cell').allTextContents();
      expect(cells.slice(1, 4)).toEqual(['¥10,000.00', '¥10,000.00', 'Active']);
    }
    await screenshot(page, 'cards-bought');

    await openAccountPage(page, server, f.accountId, '/vouchers');
    const voucherRows = page.getByTestId('voucher-row');
    await expect.poll(() => voucherRows.count(), POLL).toBe(1);
    const cells = await voucherRows.first().getByRole('cell').allTextContents();
    expect(cells.slice(1, 5)).toEqual(['Discount', '¥5,000.00', '¥5,000.00', 'Active']);
    await screenshot(page, 'cards-discount-voucher');

    await openAccountPage(page, server, f.accountId);
    const cashAfterFen = fenShown(await shownText(page, 'overview-cash'));
    expect(cashAfterFen).toBe(subFen(cashBeforeFen, amountToFen('30000.00')));
    expect(await page.getByTestId('overview-cards').textContent()).toBe('¥30,000.00');
    expect(await page.getByTestId('overview-discount').textContent()).toBe('¥5,000.00');
    browserErrors.expectNone();
    await page.close();
  });
});
