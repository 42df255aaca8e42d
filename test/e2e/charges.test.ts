/**
 * Charges through the real UI: a charge the metering service posts through the API shows up
 * on the Charges page, and its detail lists the split part by part — source, instrument,
 * amount and balance after — exactly as the API's settlement returned it.
 */
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amountToFen, formatFen } from '../../common/money.ts';
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

const DAY_MS = 86_400_000;

let server: TestServer;
let browser: BrowserContext;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(() => finishFile(server, browser));

/** "1234.5" as the tables print it: "1,234.50". */
const shown = (amount: string) => formatFen(amountToFen(amount));

describe('charges', () => {
  it('lists a charge posted by the metering API and shows its split part by part', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '1000.00');
    await f.admin.prepaidCards.purchase.mutate({
      accountId: f.accountId,
      requestId: uid('buy'),
      denomination: '100.00',
      quantity: 1,
    });
    const nowMs = Date.now();
    await server.operator.vouchers.issue.mutate({
      accountId: f.accountId,
      requestId: uid('issue'),
      amount: '50.00',
      validity: { kind: 'fixed', validFromMs: nowMs - DAY_MS, expiresAtMs: nowMs + 90 * DAY_MS },
    });
    const settled = await f.metering.charges.settle.mutate(
      chargeInput(f.workspaceId, '1200.00', { description: 'compute, November' }),
    );
    // Another charge, so the page has to list the right one among several.
    const other = await f.metering.charges.settle.mutate(
      chargeInput(f.workspaceId, '20.00', { category: 'sms', description: 'SMS, November' }),
    );
    // What the split must be: voucher, card, cash, then overdue — each part in full.
    expect(settled.parts.map((part) => [part.source, part.amount])).toEqual([
      ['regular_voucher', '50.00'],
      ['prepaid_card', '100.00'],
      ['cash', '900.00'],
      ['overdue', '150.00'],
    ]);

    const page = await browser.newPage();
    const browserErrors = watchConsole(page);
    await signInNewPerson(page, server, f.accountId, 'admin');
    await openAccountPage(page, server, f.accountId, '/charges');
    const rows = page.getByTestId('charge-row');
    await expect.poll(() => rows.count(), POLL).toBe(2);
    expect(await rows.first().getAttribute('data-charge-id')).toBe(other.chargeId);
    const row = page.locator(`[data-testid="charge-row"][data-charge-id="${settled.chargeId}"]`);
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells[1]).toContain('compute, November');
    expect(cells.slice(3)).toEqual([
      'Pay-as-you-go',
      '2026-11-01 – 2026-12-01',
      '1,200.00',
      '1,050.00',
      '150.00 overdue',
    ]);
    await screenshot(page, 'charges-list');

    await row.getByTestId('charge-link').click();
    await page.waitForURL(new RegExp(`/charges/${settled.chargeId}$`));
    const parts = page.getByTestId('charge-part');
    await expect.poll(() => parts.count(), POLL).toBe(settled.parts.length);
    const seen = [];
    for (const part of await parts.all()) {
      const [index, , instrument, amount, balanceAfter] = await part
        .getByRole('cell')
        .allTextContents();
      const source = await part.getAttribute('data-source');
      seen.push({ index, source, instrument, amount, balanceAfter });
    }
    expect(seen).toEqual(
      settled.parts.map((part, i) => ({
        index: String(i + 1),
        source: part.source,
        instrument: part.instrumentNumber ?? '—',
        amount: shown(part.amount),
        balanceAfter: part.balanceAfter === null ? '—' : shown(part.balanceAfter),
      })),
    );
    expect(await page.getByTestId('charge-total').textContent()).toBe('¥1,200.00');
    expect(await page.getByTestId('charge-paid').textContent()).toBe('¥1,050.00');
    expect(await page.getByTestId('charge-overdue').textContent()).toBe('¥150.00');
    expect(await page.getByTestId('charge-cloud').textContent()).toBe('¥0.00');
    // The stored charge says the same as the settlement's answer.
    const stored = await f.admin.charges.get.query({ chargeId: settled.chargeId });
    expect(stored.parts).toEqual(settled.parts);
    await screenshot(page, 'charges-detail');
    browserErrors.expectNone();
    await page.close();
  });
});
