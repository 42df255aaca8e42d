/**
 * The README's screenshots: the overview of a realistic account (cash, vouchers, a prepaid
 * card, a week of charges in two workspaces) at 1280×860, in English and in Chinese, and its
 * statement in Chinese. Every run renders them under .test-output/screenshots/docs-*.png and
 * checks them; they are copied to the committed docs/screenshots/ only when asked, so that
 * running the tests does not change a tracked file (the dates on the chart differ each day):
 *
 *   WRITE_DOCS_SCREENSHOT=1 npx vitest run --project e2e test/e2e/docs-screenshot.test.ts
 *
 * The server stamps charges with its own clock, so a week of history is made on an in-process
 * server whose clock the test sets day by day, on a database that the real server (the child
 * process every other browser test uses) then opens to serve the UI. Everything is made
 * through the API; nothing is written to the database by hand.
 */
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amountToFen, sumFen } from '../../common/money.ts';
import type { WalletClient } from '../../server/client.ts';
import { launchBrowser, SCREENSHOT_DIR, signInAs } from '../helpers/browser.ts';
import { fenShown, finishFile, POLL, shownText, watchConsole } from '../helpers/e2e-fixtures.ts';
import { uid } from '../helpers/factories.ts';
import { ManualClock, startInProcessServer } from '../helpers/inprocess.ts';
import { firstSignIn } from '../helpers/people.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const DAY_MS = 86_400_000;
const DOCS_SCREENSHOTS = join(process.cwd(), 'docs', 'screenshots');
const MAX_BYTES = 300 * 1024;
const TODAY = '233.45';

/** Charges of the past days: [days ago, workspace, category, amount]. */
const HISTORY = [
  [7, 'production', 'general', '412.30'],
  [7, 'production', 'sms', '86.40'],
  [6, 'production', 'general', '538.75'],
  [6, 'staging', 'general', '120.50'],
  [5, 'production', 'general', '389.10'],
  [4, 'production', 'general', '621.40'],
  [4, 'production', 'dial_testing', '24.00'],
  [3, 'production', 'general', '477.85'],
  [3, 'production', 'sms', '64.20'],
  [2, 'production', 'general', '590.20'],
  [2, 'staging', 'general', '98.30'],
  [1, 'production', 'general', '455.60'],
  [1, 'production', 'sms', '92.10'],
] as const;

let server: TestServer;
let browser: BrowserContext;

beforeAll(async () => {
  browser = await launchBrowser({ width: 1280, height: 860 });
});
afterAll(() => finishFile(server, browser));

interface Seeded {
  readonly accountId: string;
  readonly workspaces: Readonly<Record<'production' | 'staging', string>>;
  readonly dbPath: string;
  readonly operatorKey: string;
}

/** A week of an account's life, on a server whose clock starts eight days ago. */
async function seedPastWeek(): Promise<Seeded> {
  const nowMs = Date.now();
  const clock = new ManualClock(nowMs - 8 * DAY_MS);
  const past = await startInProcessServer(clock);
  try {
    const operator = past.operator;
    const account = await operator.accounts.create.mutate({ name: 'Acme Robotics' });
    const workspaces = {
      production: uid('acme-prod'),
      staging: uid('acme-staging'),
    };
    for (const [name, workspaceId] of Object.entries(workspaces)) {
      await operator.workspaces.create.mutate({ accountId: account.id, workspaceId, name });
    }
    await operator.cash.recordBankTransfer.mutate({
      reference: account.remittanceRef,
      bankSerial: uid('serial'),
      amount: '58000.00',
    });
    const adminKey = await operator.accounts.createApiKey.mutate({
      accountId: account.id,
      role: 'admin',
      label: 'admin',
    });
    const admin = past.client(adminKey.apiKey);
    await admin.prepaidCards.purchase.mutate({
      accountId: account.id,
      requestId: uid('buy'),
      denomination: '10000.00',
      quantity: 1,
    });
    await operator.vouchers.issue.mutate({
      accountId: account.id,
      requestId: uid('issue'),
      amount: '5000.00',
      validity: { kind: 'days', days: 180 },
    });
    const metering = past.client(
      (await operator.admin.createApiKey.mutate({ role: 'metering', label: 'metering' })).apiKey,
    );
    await settleHistory(metering, workspaces, clock, nowMs);
    const { dbPath, operatorKey } = past;
    return { accountId: account.id, workspaces, dbPath, operatorKey };
  } finally {
    await past.stop();
  }
}

async function settleHistory(
  metering: WalletClient,
  workspaces: Seeded['workspaces'],
  clock: ManualClock,
  nowMs: number,
): Promise<void> {
  for (const [daysAgo, workspace, category, amount] of HISTORY) {
    clock.set(nowMs - daysAgo * DAY_MS);
    await metering.charges.settle.mutate({
      chargeId: uid('chg'),
      workspaceId: workspaces[workspace],
      category,
      amount,
      periodStartMs: nowMs - (daysAgo + 1) * DAY_MS,
      periodEndMs: nowMs - daysAgo * DAY_MS,
      description: `${category} usage, ${workspace}`,
    });
  }
}

/**
 * The viewport only, as a reader first sees the page, under the test output; copied to
 * docs/screenshots/ when WRITE_DOCS_SCREENSHOT=1.
 */
async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const rendered = join(SCREENSHOT_DIR, `docs-${name}`);
  await page.screenshot({ path: rendered, fullPage: false });
  expect(statSync(rendered).size).toBeLessThan(MAX_BYTES);
  if (process.env.WRITE_DOCS_SCREENSHOT === '1') {
    mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    copyFileSync(rendered, join(DOCS_SCREENSHOTS, name));
  }
}

describe('README screenshot', () => {
  it('shows the overview (English and Chinese) and the statement (Chinese) at 1280×860', async () => {
    const seeded = await seedPastWeek();
    server = await startServer({ dbPath: seeded.dbPath, operatorKey: seeded.operatorKey });
    const metering = await server.operator.admin.createApiKey.mutate({
      role: 'metering',
      label: 'today',
    });
    await server.client(metering.apiKey).charges.settle.mutate({
      chargeId: uid('chg'),
      workspaceId: seeded.workspaces.production,
      category: 'general',
      amount: TODAY,
      periodStartMs: Date.now() - DAY_MS,
      periodEndMs: Date.now(),
      description: 'general usage, production',
    });
    const invited = await server.operator.users.invite.mutate({
      accountId: seeded.accountId,
      email: 'li.wei@acme-robotics.example',
      name: 'Li Wei',
      role: 'admin',
    });

    const page = await browser.newPage();
    const browserErrors = watchConsole(page);
    const first = await firstSignIn(server.url, invited.email, invited.temporaryPassword ?? '');
    await first.browser.client.auth.signOut.mutate();
    await signInAs(page, server.url, invited.email, first.password);
    await page.waitForURL(new RegExp(`/accounts/${seeded.accountId}$`));
    expect(await shownText(page, 'overview-cash')).toBe('¥48,000.00');
    // Seven days of history and today's charge, all within the chart's 30 days.
    const spentFen = sumFen([...HISTORY.map(([, , , amount]) => amount), TODAY].map(amountToFen));
    expect(fenShown(await shownText(page, 'overview-spend-total'))).toBe(spentFen);
    await page.getByTestId('overview-chart-day').waitFor();
    await page.mouse.move(0, 0);
    await shoot(page, 'overview.png');

    // The same overview and the statement in Chinese, as an enterprise's admin reads them.
    await page.getByTestId('language').selectOption({ label: '中文' });
    const title = page.locator('#overview-title');
    await expect.poll(() => title.textContent(), POLL).toMatch(/^概览/);
    await page.getByTestId('overview-chart-day').waitFor();
    await page.mouse.move(0, 0);
    await shoot(page, 'overview-zh.png');
    await page.goto(`${server.url}/accounts/${seeded.accountId}/statement`);
    await page.getByTestId('ledger-row').first().waitFor();
    expect(await page.locator('#statement-title').textContent()).toBe('账单明细');
    await shoot(page, 'statement-zh.png');
    browserErrors.expectNone();
    await page.close();
  });
});
