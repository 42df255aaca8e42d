/**
 * Every list of the billing center in a real browser, with real data (a bank transfer, cards,
 * vouchers, a code batch, 30 charges in three categories and two workspaces, an invoice
 * request):
 * - at 390×844 each list is a stack of cards: the page never scrolls sideways and every
 *   row's amount lies inside the screen; long ids are shortened, with a copy button;
 * - at 1280×800 the statement's Reference column is whole, not clipped by its box;
 * - every account page is photographed in both languages at both widths
 *   (.test-output/screenshots/pages-<width>-<language>-<page>.png).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addFen } from '../../common/money.ts';
import { launchBrowser, screenshot, signInAs } from '../helpers/browser.ts';
import {
  fenShown,
  finishFile,
  openAccountPage,
  invitePerson,
  POLL,
  watchConsole,
  type Person,
} from '../helpers/e2e-fixtures.ts';
import { chargeInput, newFixture, recentPeriod, uid, type Fixture } from '../helpers/factories.ts';
import {
  OPERATOR_EMAIL,
  OPERATOR_PASSWORD,
  startServer,
  type TestServer,
} from '../helpers/server.ts';

const DAY_MS = 86_400_000;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
/** Sub-pixel rounding of the layout, and nothing more. */
const SLACK_PX = 1;
const CATEGORIES = ['general', 'sms', 'dial_testing'] as const;

let server: TestServer;
let phone: BrowserContext;
let desktop: BrowserContext;
let busy: Fixture & { serial: string; person: Person; entries: number };

beforeAll(async () => {
  [server, phone, desktop] = await Promise.all([
    startServer(),
    launchBrowser(PHONE),
    launchBrowser(DESKTOP),
  ]);
  busy = await busyAccount();
});
afterAll(() => finishFile(server, phone, desktop));

/** An account with something in every list, and a redeemed activation code. */
async function busyAccount() {
  const f = await newFixture(server, 'Acme Robotics');
  const second = await server.operator.workspaces.create.mutate({
    accountId: f.accountId,
    workspaceId: uid('acme-staging-workspace'),
    name: 'staging',
  });
  const serial = uid('ICBC-20261126');
  await server.operator.cash.recordBankTransfer.mutate({
    reference: f.remittanceRef,
    bankSerial: serial,
    amount: '50000.00',
  });
  await f.admin.prepaidCards.purchase.mutate({
    accountId: f.accountId,
    requestId: uid('buy'),
    denomination: '5000.00',
    quantity: 2,
  });
  const batch = await server.operator.vouchers.createCodeBatch.mutate({
    requestId: uid('batch'),
    amount: '200.00',
    quantity: 3,
    codeDeadlineMs: Date.now() + 7 * DAY_MS,
    validity: { kind: 'days', days: 90 },
    note: 'trade fair',
  });
  await f.admin.vouchers.activate.mutate({ accountId: f.accountId, code: batch.codes?.[0] ?? '' });
  // Thirty charges of the last days, in three categories and two workspaces, ids as a
  // metering service makes them (long).
  const today = recentPeriod().endMs;
  await f.metering.charges.settleBatch.mutate({
    charges: Array.from({ length: 30 }, (_, i) => {
      const startMs = today - (1 + (i % 10)) * DAY_MS;
      return chargeInput(i % 4 === 0 ? second.workspaceId : f.workspaceId, `${120 + i * 37}.45`, {
        chargeId: `usage-2026-11-${f.workspaceId}-${String(i).padStart(4, '0')}`,
        category: CATEGORIES[i % 3],
        description: `${CATEGORIES[i % 3]} usage, day ${i % 10}`,
        period: { startMs, endMs: startMs + DAY_MS },
      });
    }),
  });
  // Issued after the charges, so it still has a balance: the overview warns it expires soon.
  await server.operator.vouchers.issue.mutate({
    accountId: f.accountId,
    requestId: uid('issue'),
    amount: '300.00',
    validity: { kind: 'fixed', validFromMs: Date.now() - DAY_MS, expiresAtMs: Date.now() + 9 * DAY_MS },
  });
  await f.admin.invoices.request.mutate({
    accountId: f.accountId,
    requestId: uid('invoice'),
    title: 'Acme Robotics Co., Ltd.',
    taxId: '91310000MA1FL0ABCD',
    amount: '1000.00',
    email: 'finance@acme-robotics.example',
    type: 'general',
  });
  const person = await invitePerson(server, f.accountId, 'admin');
  const ledger = await f.admin.ledger.list.query({ accountId: f.accountId, limit: 50 });
  // One statement page holds them all, so the page shows every kind of reference.
  expect(ledger.nextCursor).toBeNull();
  return { ...f, serial, person, entries: ledger.items.length };
}

interface Fit {
  readonly scrollWidth: number;
  readonly innerWidth: number;
  /** Rows whose amount cell is missing, empty or (partly) outside the screen. */
  readonly amountsOut: readonly string[];
  readonly rows: number;
}

/** Whether the page scrolls sideways, and where each row's amount lies. */
function fit(page: Page, rowTestId: string): Promise<Fit> {
  return page.evaluate((testId) => {
    const innerWidth = window.innerWidth;
    const rows = [...document.querySelectorAll(`[data-testid="${testId}"]`)];
    const amountsOut = rows.flatMap((row, i) => {
      const cell = row.querySelector('td.cell-amount');
      const box = cell?.getBoundingClientRect();
      const inside =
        box !== undefined &&
        box.width > 0 &&
        box.height > 0 &&
        box.left >= 0 &&
        box.right <= innerWidth + 1 &&
        (cell?.textContent ?? '').trim() !== '';
      return inside ? [] : [`row ${i}: ${JSON.stringify(box)}`];
    });
    return {
      scrollWidth: document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY,
      innerWidth,
      amountsOut,
      rows: rows.length,
    };
  }, rowTestId);
}

/** Every amount the rows show, as fen (fails on anything that is not money as printed). */
async function amountsShown(page: Page, rowTestId: string): Promise<number[]> {
  const texts = await page
    .locator(`[data-testid="${rowTestId}"] td.cell-amount`)
    .allTextContents();
  return texts.map((text) => fenShown(text.replace(/^.*?(-?¥?[\d,]+\.\d\d).*$/s, '$1')));
}

describe('lists on a 390 px phone', () => {
  it('every account list is cards with the amount on screen, and nothing scrolls sideways', async () => {
    const page = await phone.newPage();
    const browserErrors = watchConsole(page);
    await signInAs(page, server.url, busy.person.email, busy.person.password);
    const lists = [
      ['/charges', 'charge-row', 30],
      ['/statement', 'ledger-row', busy.entries],
      ['/cards', 'card-row', 2],
      ['/vouchers', 'voucher-row', 3],
      ['/invoices', 'invoice-row', 1],
      ['', 'overview-expiring-item', 1],
    ] as const;
    for (const [path, rowTestId, count] of lists) {
      await openAccountPage(page, server, busy.accountId, path);
      await expect.poll(() => page.getByTestId(rowTestId).count(), POLL).toBe(count);
      const seen = await fit(page, rowTestId);
      expect({ path, ...seen }).toEqual({
        path,
        scrollWidth: seen.scrollWidth <= PHONE.width + SLACK_PX ? seen.scrollWidth : 'too wide',
        innerWidth: PHONE.width,
        amountsOut: [],
        rows: count,
      });
      expect((await amountsShown(page, rowTestId)).length).toBe(count);
      // A card, not a squeezed table row: the header row is hidden, each row a flex box.
      const display = await page
        .getByTestId(rowTestId)
        .first()
        .evaluate((row) => getComputedStyle(row).display);
      expect(display).toBe('flex');
    }
    await openAccountPage(page, server, busy.accountId, '/workspaces');
    await expect.poll(() => page.getByTestId('workspace-row').count(), POLL).toBe(2);
    const workspaces = await fit(page, 'workspace-row');
    expect(workspaces.scrollWidth).toBeLessThanOrEqual(PHONE.width + SLACK_PX);
    browserErrors.expectNone();
    await page.close();
  });

  it('shows 30 charges as compact cards with shortened ids and a working copy button', async () => {
    await phone.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await phone.newPage();
    const browserErrors = watchConsole(page);
    await signInAs(page, server.url, busy.person.email, busy.person.password);
    await openAccountPage(page, server, busy.accountId, '/charges');
    const rows = page.getByTestId('charge-row');
    await expect.poll(() => rows.count(), POLL).toBe(30);
    await screenshot(page, 'lists-phone-charges');
    const listed = await busy.admin.charges.list.query({ accountId: busy.accountId, limit: 30 });
    const cards = await rows.evaluateAll((elements) =>
      elements.map((row) => {
        const title = row.querySelector('td.cell-title')?.getBoundingClientRect();
        const amount = row.querySelector('td.cell-amount')?.getBoundingClientRect();
        const link = row.querySelector('[data-testid="charge-link"]');
        return {
          id: row.getAttribute('data-charge-id'),
          shown: link?.querySelector('[aria-hidden="true"]')?.textContent ?? null,
          title: link?.getAttribute('title') ?? null,
          // Title and amount share the first line of the card.
          sameLine:
            title !== undefined && amount !== undefined && Math.abs(title.top - amount.top) < 4,
          copy: row.querySelectorAll('button.copy-id').length,
        };
      }),
    );
    expect(cards).toEqual(
      listed.items.map((charge) => ({
        id: charge.chargeId,
        shown: `${charge.chargeId.slice(0, 8)}…${charge.chargeId.slice(-4)}`,
        title: charge.chargeId,
        sameLine: true,
        copy: 1,
      })),
    );
    // The totals add up every listed charge (the server sums them; here, what is shown).
    const shownFen = await amountsShown(page, 'charge-row');
    const totalFen = fenShown(await page.getByTestId('charges-total-amount').textContent());
    expect(totalFen).toBe(shownFen.reduce((sum, fen) => addFen(sum, fen), 0));
    expect(await page.getByTestId('charges-total-count').textContent()).toBe('30 charge(s)');
    // The header row is there for screen readers only.
    const header = await page.locator('[data-testid="charges-table"] thead').boundingBox();
    expect((header?.height ?? 0) <= 1 && (header?.width ?? 0) <= 1).toBe(true);
    // The copy button puts the whole id on the clipboard.
    await rows.first().locator('button.copy-id').click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(listed.items[0]?.chargeId);
    browserErrors.expectNone();
    await page.close();
  });

  it('operator lists are cards too, and name accounts instead of showing their ids', async () => {
    const page = await phone.newPage();
    const browserErrors = watchConsole(page);
    await signInAs(page, server.url, OPERATOR_EMAIL, OPERATOR_PASSWORD);
    const accountName = (await busy.admin.accounts.get.query({ accountId: busy.accountId })).name;

    await page.goto(`${server.url}/operator/invoices`);
    const queued = page.locator(`[data-testid="queue-row"]`).filter({ hasText: accountName });
    await expect.poll(() => queued.count(), POLL).toBe(1);
    expect(await queued.getByTestId('queue-account').textContent()).toBe(accountName);
    const queue = await fit(page, 'queue-row');
    expect(queue.amountsOut).toEqual([]);
    expect(queue.scrollWidth).toBeLessThanOrEqual(PHONE.width + SLACK_PX);
    await screenshot(page, 'lists-phone-operator-queue');

    await page.goto(`${server.url}/operator/codes`);
    const batchRow = page.getByTestId('batch-row').filter({ hasText: 'trade fair' });
    await batchRow.waitFor();
    await batchRow.getByTestId('batch-open').click();
    const redeemed = page.locator('[data-testid="code-row"][data-status="redeemed"]');
    await redeemed.waitFor();
    expect(await redeemed.getByTestId('code-account').textContent()).toBe(accountName);
    const codes = await fit(page, 'batch-row');
    expect(codes.amountsOut).toEqual([]);
    expect(codes.scrollWidth).toBeLessThanOrEqual(PHONE.width + SLACK_PX);
    await screenshot(page, 'lists-phone-operator-codes');

    await page.goto(`${server.url}/operator`);
    await page.getByTestId('account-search').fill(accountName);
    await page.getByTestId('account-search-submit').click();
    await expect.poll(() => page.getByTestId('account-row').count(), POLL).toBe(1);
    const accounts = await fit(page, 'account-row');
    expect(accounts.amountsOut).toEqual([]);
    expect(accounts.scrollWidth).toBeLessThanOrEqual(PHONE.width + SLACK_PX);

    await page.goto(`${server.url}/operator/accounts/${busy.accountId}`);
    await expect.poll(() => page.getByTestId('operator-workspace-row').count(), POLL).toBe(2);
    await page.getByTestId('person-row').first().waitFor();
    const account = await fit(page, 'operator-workspace-row');
    expect(account.scrollWidth).toBeLessThanOrEqual(PHONE.width + SLACK_PX);
    await screenshot(page, 'lists-phone-operator-account');
    browserErrors.expectNone();
    await page.close();
  });
});

describe('the statement at 1280 px', () => {
  it('shows the Reference column whole, with serials, numbers and workspace names', async () => {
    const page = await desktop.newPage();
    const browserErrors = watchConsole(page);
    await signInAs(page, server.url, busy.person.email, busy.person.password);
    await openAccountPage(page, server, busy.accountId, '/statement');
    const rows = page.getByTestId('ledger-row');
    await expect.poll(() => rows.count(), POLL).toBe(busy.entries);
    const clipped = await page.evaluate(() => {
      const wrap = document.querySelector('.data-table-wrap');
      if (!wrap) return ['no table'];
      const box = wrap.getBoundingClientRect();
      const cells = [...document.querySelectorAll('[data-testid="ledger-reference"]')];
      const outside = cells
        .map((cell) => cell.getBoundingClientRect())
        .filter((cell) => cell.right > box.right + 1 || cell.width === 0)
        .map((cell) => `cell ${cell.left}–${cell.right} outside ${box.left}–${box.right}`);
      const scrolls = wrap.scrollWidth > wrap.clientWidth + 1 ? ['the table scrolls sideways'] : [];
      return [...outside, ...scrolls];
    });
    expect(clipped).toEqual([]);
    // What a finance team reconciles: printed numbers and names, not internal ids.
    const ledger = await busy.admin.ledger.list.query({ accountId: busy.accountId, limit: 50 });
    const references = await page.getByTestId('ledger-reference').allTextContents();
    expect(references.join(' ')).not.toMatch(/\b(vch|card|bt)_/);
    expect(references.some((text) => text.includes(busy.serial))).toBe(true);
    const workspaceCells = await rows.locator('td:nth-child(4)').allTextContents();
    expect(workspaceCells).toEqual(ledger.items.map((entry) => entry.workspaceName ?? '—'));
    expect(new Set(workspaceCells)).toEqual(new Set(['main', 'staging', '—']));
    await screenshot(page, 'lists-desktop-statement');
    await screenshot(page, 'lists-desktop-statement');
    browserErrors.expectNone();
    await page.close();
  });
});

describe('screenshots', () => {
  const PAGES = [
    ['overview', '', 'overview-cash'],
    ['topup', '/topup', 'topup-bank-reference'],
    ['vouchers', '/vouchers', 'voucher-row'],
    ['cards', '/cards', 'card-row'],
    ['charges', '/charges', 'charge-row'],
    ['statement', '/statement', 'ledger-row'],
    ['invoices', '/invoices', 'invoice-row'],
    ['workspaces', '/workspaces', 'workspace-row'],
  ] as const;

  /** Every account page in English and in Chinese, saved as pages-<width>-<lang>-<page>. */
  async function photograph(width: 'phone' | 'desktop', context: BrowserContext) {
    const page = await context.newPage();
    const browserErrors = watchConsole(page);
    await signInAs(page, server.url, busy.person.email, busy.person.password);
    for (const language of ['en', 'zh'] as const) {
      await page.evaluate((lang) => localStorage.setItem('wallet.language', lang), language);
      for (const [name, path, testId] of PAGES) {
        await openAccountPage(page, server, busy.accountId, path);
        await page.getByTestId(testId).first().waitFor();
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(
          language === 'zh' ? 'zh-CN' : 'en',
        );
        await screenshot(page, `pages-${width}-${language}-${name}`);
      }
    }
    browserErrors.expectNone();
    await page.close();
  }

  it('photographs every account page in both languages on a phone', async () => {
    await photograph('phone', phone);
  }, 300_000);

  it('photographs every account page in both languages on a desktop', async () => {
    await photograph('desktop', desktop);
  }, 300_000);
});
