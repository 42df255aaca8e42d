/**
 * Webhook settings in a real browser, in both languages, against a real receiver on an
 * ephemeral port that verifies every delivery with `standardwebhooks`: an admin adds an
 * endpoint, sees its secret once (with a warning and a copy button), sends a test event and
 * watches the delivery appear in the log as delivered with the receiver's response code. The
 * operator console's global endpoints use the same page.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityAudit } from '../helpers/axe.ts';
import { launchBrowser, screenshot, signInAs } from '../helpers/browser.ts';
import {
  finishFile,
  openAccountPage,
  POLL,
  shownText,
  signInNewPerson,
  watchConsole,
} from '../helpers/e2e-fixtures.ts';
import { newFixture } from '../helpers/factories.ts';
import { startReceiver, type Receiver } from '../helpers/receiver.ts';
import {
  OPERATOR_EMAIL,
  OPERATOR_PASSWORD,
  startServer,
  type TestServer,
} from '../helpers/server.ts';

let server: TestServer;
let browser: BrowserContext;
let receiver: Receiver;

beforeAll(async () => {
  [server, browser, receiver] = await Promise.all([
    startServer({ env: { WALLET_WEBHOOK_INTERVAL_MS: '50' } }),
    launchBrowser(),
    startReceiver(),
  ]);
});
afterAll(async () => {
  await receiver?.close();
  await finishFile(server, browser);
});

/** Fills the form to add an endpoint and submits it; returns the secret shown once. */
async function addEndpoint(page: Page, url: string, types: readonly string[]): Promise<string> {
  await page.getByTestId('webhook-url').fill(url);
  await page.getByTestId('webhook-description').fill('CRM');
  for (const type of types) {
    await page.locator(`[data-testid="webhook-event-type"][value="${type}"]`).check();
  }
  await page.getByTestId('webhook-create-submit').click();
  return shownText(page, 'webhook-secret-value');
}

/** Sends a test event and waits until the log shows it delivered; returns the row's text. */
async function testSendDelivered(page: Page): Promise<string> {
  const row = page.getByTestId('webhook-row').first();
  await row.getByTestId('webhook-test-send').click();
  await row.getByTestId('webhook-notice').waitFor();
  const delivery = row.locator('[data-testid="webhook-delivery"][data-event-type="webhook.test"]');
  await expect
    .poll(async () => {
      await row.getByTestId('webhook-deliveries-refresh').click();
      return delivery.first().getAttribute('data-status');
    }, POLL)
    .toBe('delivered');
  return (await delivery.first().textContent()) ?? '';
}

describe('webhook settings', () => {
  it('adds an endpoint, shows its secret once, and logs a test delivery', async () => {
    const f = await newFixture(server);
    const page = await browser.newPage();
    const browserErrors = watchConsole(page);
    await signInNewPerson(page, server, f.accountId, 'admin');
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByTestId('webhooks-empty').waitFor();

    const secret = await addEndpoint(page, receiver.url, ['top_up.credited', 'invoice.issued']);
    expect(secret).toMatch(/^whsec_/);
    expect(await page.getByTestId('webhook-secret').textContent()).toContain(
      'it is shown only once',
    );
    expect(await page.getByTestId('webhook-secret-copy').isVisible()).toBe(true);
    await screenshot(page, 'webhooks-secret-en');
    const axe = accessibilityAudit();
    await axe.check(page, 'webhooks with the secret shown (en)');
    receiver.secrets = [secret];
    const listed = await f.admin.webhooks.list.query({ accountId: f.accountId });
    expect(listed.items).toMatchObject([
      {
        url: receiver.url,
        description: 'CRM',
        eventTypes: ['top_up.credited', 'invoice.issued'],
        includeCharges: false,
        enabled: true,
        secretHint: secret.slice(-4),
      },
    ]);
    await page.getByTestId('webhook-secret-done').click();
    expect(await page.getByTestId('webhook-secret').count()).toBe(0);
    await page.reload();
    await page.getByTestId('webhook-row').waitFor();
    expect(await page.content()).not.toContain(secret);

    const text = await testSendDelivered(page);
    expect(text).toContain('Delivered');
    expect(text).toContain('204');
    const [test] = [...receiver.accepted().values()] as { type: string }[];
    expect(test?.type).toBe('webhook.test');
    await screenshot(page, 'webhooks-log-en');
    await axe.check(page, 'webhooks with the delivery log (en)');

    // Redeliver from the log: the receiver gets the same webhook-id once more.
    const testId = [...receiver.accepted().keys()][0] ?? '';
    await page.getByTestId('webhook-redeliver').first().click();
    await page.getByText('Queued for delivery again.').waitFor();
    await expect
      .poll(() => receiver.received.filter((r) => r.id === testId && r.verified).length, POLL)
      .toBe(2);

    await page.getByTestId('language').selectOption({ label: '中文' });
    const row = page.getByTestId('webhook-row').first();
    await expect.poll(() => row.getByTestId('webhook-test-send').textContent(), POLL).toBe(
      '发送测试事件',
    );
    // The receiver has the redelivery; its row turns delivered once the POST's answer is
    // recorded, which the log shows after a refresh.
    await expect
      .poll(async () => {
        await row.getByTestId('webhook-deliveries-refresh').click();
        return row.getByTestId('webhook-delivery').first().textContent();
      }, POLL)
      .toContain('已送达');
    await row.getByTestId('webhook-toggle').click();
    await expect
      .poll(() => row.getByTestId('webhook-row-state').getAttribute('data-enabled'), POLL)
      .toBe('no');
    expect(await row.getByTestId('webhook-row-state').textContent()).toBe('已停用');
    await row.getByTestId('webhook-rotate').click();
    await page.getByTestId('webhook-overlap').waitFor();
    expect(await page.getByTestId('webhook-overlap').textContent()).toContain('旧密钥在');
    const rotated = await shownText(page, 'webhook-secret-value');
    expect(rotated).not.toBe(secret);
    await screenshot(page, 'webhooks-rotated-zh');
    await axe.check(page, 'webhooks rotated (zh)');
    axe.expectNone();
    await page.getByTestId('webhook-secret-done').click();
    await row.getByTestId('webhook-remove').click();
    await page.getByTestId('webhook-remove-confirm').getByTestId('confirm-yes').click();
    await page.getByTestId('webhooks-empty').waitFor();
    expect((await f.admin.webhooks.list.query({ accountId: f.accountId })).items).toEqual([]);
    await page.getByTestId('language').selectOption({ label: 'English' });
    browserErrors.expectNone();
    await page.close();
  });

  it('gives the operator console the same page for global endpoints', async () => {
    const page = await browser.newPage();
    const browserErrors = watchConsole(page);
    await signInAs(page, server.url, OPERATOR_EMAIL, OPERATOR_PASSWORD);
    await page.goto(`${server.url}/operator/webhooks`);
    await page.getByTestId('webhooks-empty').waitFor();
    const secret = await addEndpoint(page, receiver.url, ['voucher.issued']);
    receiver.secrets = [secret];
    const global = await server.operator.webhooks.list.query({});
    expect(global.items).toMatchObject([{ accountId: null, eventTypes: ['voucher.issued'] }]);
    await page.getByTestId('webhook-secret-done').click();
    expect(await testSendDelivered(page)).toContain('Delivered');
    browserErrors.expectNone();
    await page.close();
  });
});
