/**
 * Alerts and notifications in a real browser, in both languages: an admin switches an alert
 * on in the alert settings, money moves so that it fires, the bell in the header shows the
 * unread count, the list says what happened, and marking read brings the count down. A
 * viewer sees the settings read-only.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityAudit } from '../helpers/axe.ts';
import { launchBrowser, screenshot } from '../helpers/browser.ts';
import {
  finishFile,
  openAccountPage,
  POLL,
  shownText,
  signInNewPerson,
  watchConsole,
} from '../helpers/e2e-fixtures.ts';
import { chargeInput, fundCash, newFixture } from '../helpers/factories.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: BrowserContext;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(() => finishFile(server, browser));

const bellCount = (page: Page) => page.getByTestId('bell').getAttribute('data-count');

/** Presses Tab until the element with `testId` has the focus (at most `max` times). */
async function tabTo(page: Page, testId: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const at = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    if (at === testId) return;
  }
  throw new Error(`Tab never reached ${testId}`);
}

describe('notifications', () => {
  it('an alert fires, the bell counts it, the list shows it, marking read clears it', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '100.00');
    const page = await browser.newPage();
    const browserErrors = watchConsole(page);
    await signInNewPerson(page, server, f.accountId, 'admin');
    await expect.poll(() => bellCount(page), POLL).toBe('0');

    await openAccountPage(page, server, f.accountId, '/alerts');
    await page.getByTestId('alert-enabled-balance_below').check();
    await page.getByLabel('Amount (¥)').fill('50');
    await page.getByTestId('alert-enabled-account_overdue').check();
    await page.getByTestId('alerts-save').click();
    await page.getByTestId('alerts-saved').waitFor();
    expect(await f.admin.alerts.getRules.query({ accountId: f.accountId })).toMatchObject({
      rules: expect.arrayContaining([
        { rule: 'balance_below', enabled: true, amount: '50.00' },
        { rule: 'account_overdue', enabled: true },
      ]),
    });

    // 100 - 60 = 40 is below 50: one alert. Then 100 more: overdue by 60, a second one; the
    // balance is still below 50, which does not fire again.
    await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '60.00'));
    await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '100.00'));
    await openAccountPage(page, server, f.accountId);
    await expect.poll(() => bellCount(page), POLL).toBe('2');
    expect(await shownText(page, 'bell-count')).toBe('2');
    expect(await page.getByTestId('bell').getAttribute('aria-label')).toBe(
      'Notifications, 2 unread',
    );

    await page.getByTestId('bell').click();
    await page.waitForURL(/\/notifications$/);
    const rows = page.getByTestId('notification-row');
    await expect.poll(() => rows.count(), POLL).toBe(2);
    expect(await rows.nth(0).getAttribute('data-kind')).toBe('account_overdue');
    expect(await rows.nth(0).textContent()).toContain('The account is overdue.');
    expect(await rows.nth(1).textContent()).toContain(
      'Usable money is ¥40.00, below your alert of ¥50.00.',
    );
    await screenshot(page, 'notifications-en');
    const axe = accessibilityAudit();
    await axe.check(page, 'notifications (en)');

    await rows.nth(1).getByTestId('notification-mark').click();
    await expect.poll(() => rows.nth(1).getAttribute('data-read'), POLL).toBe('yes');
    await expect.poll(() => bellCount(page), POLL).toBe('1');

    await page.getByTestId('language').selectOption({ label: '中文' });
    await expect
      .poll(() => rows.nth(1).textContent(), POLL)
      .toContain('可用金额为 ¥40.00，低于提醒金额 ¥50.00。');
    expect(await rows.nth(0).textContent()).toContain('账户已欠费。');
    expect(await page.getByTestId('bell').getAttribute('aria-label')).toBe('通知，1 条未读');
    await screenshot(page, 'notifications-zh');
    await axe.check(page, 'notifications (zh)');
    await page.getByTestId('notifications-mark-all').click();
    await expect.poll(() => rows.nth(0).getAttribute('data-read'), POLL).toBe('yes');
    await expect.poll(() => bellCount(page), POLL).toBe('0');
    expect(await page.getByTestId('bell-count').count()).toBe(0);
    expect(await f.admin.notifications.unreadCount.query({ accountId: f.accountId })).toEqual({
      count: 0,
    });
    await openAccountPage(page, server, f.accountId, '/alerts');
    await page.getByTestId('alerts-form').waitFor();
    await axe.check(page, 'alert settings (zh)');
    axe.expectNone();
    await page.getByTestId('language').selectOption({ label: 'English' });
    browserErrors.expectNone();
    await page.close();
  });

  it('shows a viewer the alert settings read-only and no webhooks', async () => {
    const f = await newFixture(server);
    const page = await browser.newPage();
    const browserErrors = watchConsole(page);
    await signInNewPerson(page, server, f.accountId, 'viewer');
    await openAccountPage(page, server, f.accountId, '/alerts');
    await page.getByTestId('alerts-read-only').waitFor();
    expect(await page.getByTestId('alert-enabled-balance_below').isDisabled()).toBe(true);
    expect(await page.getByTestId('alerts-save').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Webhooks' }).count()).toBe(0);
    await openAccountPage(page, server, f.accountId, '/webhooks');
    await page.getByTestId('not-allowed').waitFor();
    browserErrors.expectNone();
    await page.close();
  });

  it('reaches the bell and marks all read with the keyboard only', async () => {
    const f = await newFixture(server);
    await f.admin.alerts.setRules.mutate({
      accountId: f.accountId,
      rules: [{ rule: 'account_overdue', enabled: true }],
    });
    await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '10.00'));
    const page = await browser.newPage();
    const browserErrors = watchConsole(page);
    await signInNewPerson(page, server, f.accountId, 'admin');
    await expect.poll(() => bellCount(page), POLL).toBe('1');
    await tabTo(page, 'bell');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/notifications$/);
    await page.getByTestId('notification-row').waitFor();
    await tabTo(page, 'notifications-mark-all');
    await page.keyboard.press('Enter');
    await expect.poll(() => bellCount(page), POLL).toBe('0');
    expect(await page.getByTestId('notification-row').getAttribute('data-read')).toBe('yes');
    browserErrors.expectNone();
    await page.close();
  });
});
