/**
 * The runway on the overview and the Workspaces page, in a real browser, in both languages:
 * 100.00 of cash less a 14.00 charge of yesterday's billing period leaves 86.00, which at
 * 14/7 = 2.00 a day lasts 43 days (14/30 = 0.47 a day over 30 days).
 */
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../helpers/browser.ts';
import {
  finishFile,
  openAccountPage,
  POLL,
  shownText,
  signInNewPerson,
  watchConsole,
} from '../helpers/e2e-fixtures.ts';
import { chargeInput, fundCash, newFixture, recentPeriod } from '../helpers/factories.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: BrowserContext;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(() => finishFile(server, browser));

/** "14 Jan" / "1月14日" in Shanghai, with the year when it is not this one. */
function shanghaiDate(ms: number, locale: 'en-GB' | 'zh-CN', nowMs: number): string {
  const year = (at: number) => new Date(at + 8 * 3_600_000).getUTCFullYear();
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'Asia/Shanghai',
    day: 'numeric',
    month: locale === 'en-GB' ? 'short' : 'long',
    ...(year(ms) === year(nowMs) ? {} : { year: 'numeric' }),
  }).format(new Date(ms));
}

describe('runway', () => {
  it('says how long the money lasts on the overview and per workspace', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '100.00');
    await f.metering.charges.settle.mutate(
      chargeInput(f.workspaceId, '14.00', { period: recentPeriod() }),
    );
    const runway = await f.admin.accounts.runway.query({ accountId: f.accountId });
    expect(runway.account.days).toBe(43);
    const until = runway.account.untilMs ?? 0;

    const page = await browser.newPage();
    const browserErrors = watchConsole(page);
    await signInNewPerson(page, server, f.accountId, 'admin');
    await expect
      .poll(() => shownText(page, 'runway-line'), POLL)
      .toBe(`Lasts about 43 days, until ${shanghaiDate(until, 'en-GB', runway.asOfMs)} at this rate`);
    expect(await shownText(page, 'runway-daily7')).toBe('¥2.00');
    expect(await shownText(page, 'runway-daily30')).toBe('¥0.47');
    expect(await shownText(page, 'runway-usable')).toBe('¥86.00');
    await screenshot(page, 'runway-overview-en');

    await page.getByTestId('language').selectOption({ label: '中文' });
    await expect
      .poll(() => shownText(page, 'runway-line'), POLL)
      .toBe(`按当前速度约可用 43 天，至 ${shanghaiDate(until, 'zh-CN', runway.asOfMs)}`);
    await screenshot(page, 'runway-overview-zh');

    await openAccountPage(page, server, f.accountId, '/workspaces');
    await expect
      .poll(() => shownText(page, 'workspace-runway'), POLL)
      .toContain(`按当前速度约可用 43 天，至 ${shanghaiDate(until, 'zh-CN', runway.asOfMs)}`);
    expect(await shownText(page, 'workspace-runway')).toContain('日均 ¥2.00（近 7 天）');
    await page.getByTestId('language').selectOption({ label: 'English' });
    browserErrors.expectNone();
    await page.close();
  });
});
