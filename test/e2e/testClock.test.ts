/**
 * The test clock banner in a real browser: absent while the clock is real time; once an
 * operator advances it, on every page — the sign-in page and the account pages — saying how
 * far ahead the wallet's time runs, in English and in Chinese.
 */
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../helpers/browser.ts';
import { finishFile, signInNewPerson, watchConsole } from '../helpers/e2e-fixtures.ts';
import { DAY_MS } from '../../common/time.ts';
import { newFixture, uid } from '../helpers/factories.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const HALF_DAY_MS = DAY_MS / 2;
let server: TestServer;
let browser: BrowserContext;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer({ env: { WALLET_TEST_CLOCK: 'true' } }),
    launchBrowser(),
  ]);
});
afterAll(() => finishFile(server, browser));

describe('the test clock banner', () => {
  it('shows on every page once the clock runs ahead, in both languages', async () => {
    const f = await newFixture(server);
    const page = await browser.newPage();
    const browserErrors = watchConsole(page);
    await page.goto(`${server.url}/signin`);
    await page.getByRole('button', { name: /sign in/i }).waitFor();
    expect(await page.getByTestId('test-clock-banner').count()).toBe(0);

    await server.operator.admin.testClock.advance.mutate({ by: 3, unit: 'days' });
    await server.operator.admin.testClock.advance.mutate({ by: 2, unit: 'hours' });
    await page.reload();
    const banner = page.getByTestId('test-clock-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(
      /^Test clock — not real time\. The wallet's time is .+, 3 d 2 h ahead of real time\.$/,
    );

    await signInNewPerson(page, server, f.accountId, 'admin');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('3 d 2 h ahead');
    await page.getByTestId('language').selectOption('zh');
    await expect.poll(() => banner.textContent()).toContain('测试时钟——非真实时间。');
    expect(await banner.textContent()).toContain('比真实时间快 3 天 2 小时');
    await screenshot(page, 'test-clock-banner');
    browserErrors.expectNone();
  });

  it("counts down by the wallet's time, not the browser's", async () => {
    const f = await newFixture(server);
    await server.operator.admin.testClock.advance.mutate({ by: 5, unit: 'days' });
    const { nowMs } = await server.operator.admin.testClock.get.query();
    await server.operator.vouchers.issue.mutate({
      accountId: f.accountId,
      requestId: uid('req'),
      amount: '10.00',
      // Twelve hours short of 20 wallet days: "20 days" either side of a Shanghai midnight.
      validity: { kind: 'fixed', validFromMs: nowMs - DAY_MS, expiresAtMs: nowMs + 20 * DAY_MS - HALF_DAY_MS },
    });
    const page = await browser.newPage();
    const browserErrors = watchConsole(page);
    await signInNewPerson(page, server, f.accountId, 'admin');
    await page.getByTestId('language').selectOption('en');
    const expiring = page.getByTestId('overview-expiring');
    // By the browser's clock, at least five days behind the wallet's, it would be 25 or more.
    await expect.poll(() => expiring.textContent()).toContain('expires in 20 day(s)');
    browserErrors.expectNone();
  });
});
