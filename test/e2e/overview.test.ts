/**
 * The account overview in a real browser: an admin invited by the operator signs in and sees
 * cash, overdue and balance as people read money (two decimals, thousands separators), and
 * the preview of how a charge would be paid — computed in the browser by the shared planner —
 * part by part the same as the server's own preview (`charges.preview`) for the same input.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amountToFen, formatFen } from '../../common/money.ts';
import { launchBrowser, screenshot } from '../helpers/browser.ts';
import {
  fenShown,
  finishFile,
  POLL,
  signInNewPerson,
  watchConsole,
} from '../helpers/e2e-fixtures.ts';
import {
  chargeInput,
  fundCash,
  newFixture,
  serviceClient,
  uid,
  type Fixture,
} from '../helpers/factories.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const DAY_MS = 86_400_000;

let server: TestServer;
let browser: BrowserContext;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(() => finishFile(server, browser));

async function issueVoucher(f: Fixture, amount: string, expiresInDays: number) {
  const nowMs = Date.now();
  return server.operator.vouchers.issue.mutate({
    accountId: f.accountId,
    requestId: uid('issue'),
    amount,
    validity: {
      kind: 'fixed',
      validFromMs: nowMs - DAY_MS,
      expiresAtMs: nowMs + expiresInDays * DAY_MS,
    },
  });
}

interface PartSeen {
  readonly source: string;
  readonly amountFen: number;
  readonly number: string | null;
}

/** The parts the overview's settlement preview lists, in order. */
async function previewParts(page: Page): Promise<PartSeen[]> {
  const rows = page.getByTestId('settlement-part');
  const parts: PartSeen[] = [];
  for (const row of await rows.all()) {
    const source = (await row.getAttribute('data-source')) ?? '';
    const amount = await row.locator('.part-amount').textContent();
    const text = (await row.textContent()) ?? '';
    parts.push({
      source,
      amountFen: fenShown(amount),
      number: /\b([VC]-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\b/.exec(text)?.[1] ?? null,
    });
  }
  return parts;
}

/** Types an amount into the preview and waits until it shows the parts for exactly it. */
async function preview(page: Page, amount: string, category: 'general' | 'sms') {
  await page.getByTestId('overview-preview-category').selectOption(category);
  await page.getByLabel('Charge amount').fill(amount);
  const intro = `A charge of ${formatFen(amountToFen(amount))} would be paid:`;
  await page.getByTestId('settlement-preview').getByText(intro).waitFor();
  return previewParts(page);
}

describe('account overview', () => {
  it('shows cash, overdue and balance with two decimals and thousands separators', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '12345.67');
    const page = await browser.newPage();
    const browserErrors = watchConsole(page);
    await signInNewPerson(page, server, f.accountId, 'admin');

    const cash = page.getByTestId('overview-cash');
    await expect.poll(() => cash.textContent(), POLL).toBe('¥12,345.67');
    expect(await page.getByTestId('overview-overdue').textContent()).toBe('¥0.00');
    expect(await page.getByTestId('overview-balance').textContent()).toBe('¥12,345.67');
    expect(await page.getByTestId('overview-overdue-card').count()).toBe(0);
    await screenshot(page, 'overview-balances');
    browserErrors.expectNone();
    await page.close();
  });

  it('shows an overdue account with a negative balance and the overdue warning', async () => {
    const f = await newFixture(server);
    await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '1500.25'));
    const page = await browser.newPage();
    const browserErrors = watchConsole(page);
    await signInNewPerson(page, server, f.accountId, 'admin');

    const overdue = page.getByTestId('overview-overdue');
    await expect.poll(() => overdue.textContent(), POLL).toBe('-¥1,500.25');
    expect(await page.getByTestId('overview-balance').textContent()).toBe('-¥1,500.25');
    expect(await page.getByTestId('overview-cash').textContent()).toBe('¥0.00');
    const warning = page.getByTestId('overview-overdue-card');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('overdue by ¥1,500.25');
    await expect.poll(() => page.getByTestId('overview-workspace-status').count(), POLL).toBe(1);
    await screenshot(page, 'overview-overdue');
    browserErrors.expectNone();
    await page.close();
  });

  it('previews how a charge would be paid, part by part as charges.preview says', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '12345.67');
    // Two vouchers: the one expiring first must pay first, whatever the order of issue.
    const later = await issueVoucher(f, '500.00', 60);
    const sooner = await issueVoucher(f, '1000.00', 40);
    const partner = await serviceClient(server, 'partner');
    const card = await partner.prepaidCards.distribute.mutate({
      accountId: f.accountId,
      distributionId: uid('dist'),
      amount: '300.00',
    });
    const page = await browser.newPage();
    const browserErrors = watchConsole(page);
    await signInNewPerson(page, server, f.accountId, 'admin');
    const cash = page.getByTestId('overview-cash');
    await expect.poll(() => cash.textContent(), POLL).toBe('¥12,345.67');

    for (const category of ['general', 'sms'] as const) {
      const shown = await preview(page, '20000.00', category);
      const api = await f.admin.charges.preview.query({
        workspaceId: f.workspaceId,
        category,
        amount: '20000.00',
      });
      expect(shown).toEqual(
        api.parts.map((part) => ({
          source: part.source,
          amountFen: amountToFen(part.amount),
          number: part.instrumentNumber,
        })),
      );
      const total = await page.getByTestId('settlement-total').textContent();
      expect(total).toContain(`Total 20,000.00`);
      expect(total).toContain(`the wallet pays ${formatFen(amountToFen(api.paid))}`);
      expect(total).toContain(`${formatFen(amountToFen(api.remainder))} becomes overdue`);
      await screenshot(page, `overview-preview-${category}`);
    }
    // What the API said, spelled out, so a planner that agreed with itself but not with the
    // deduction order of the spec would still fail here.
    const general = await f.admin.charges.preview.query({
      workspaceId: f.workspaceId,
      category: 'general',
      amount: '20000.00',
    });
    expect(general.parts.map((p) => [p.source, p.instrumentNumber, p.amount])).toEqual([
      ['regular_voucher', sooner.number, '1000.00'],
      ['regular_voucher', later.number, '500.00'],
      ['prepaid_card', card.number, '300.00'],
      ['cash', null, '12345.67'],
      ['overdue', null, '5854.33'],
    ]);
    browserErrors.expectNone();
    await page.close();
  });
});
