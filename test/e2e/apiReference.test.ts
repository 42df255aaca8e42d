/**
 * The API reference page (/docs/api) in a real browser under the app's Content-Security-
 * Policy: Swagger UI, served from this origin, renders every operation of the OpenAPI
 * document, and the browser reports no error (a CSP violation would be one).
 */
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../helpers/browser.ts';
import { finishFile, watchConsole } from '../helpers/e2e-fixtures.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: BrowserContext;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(() => finishFile(server, browser));

describe('the API reference page', () => {
  it('renders the operations under the strict CSP', async () => {
    const page = await browser.newPage();
    const browserErrors = watchConsole(page);
    const response = await page.goto(`${server.url}/docs/api`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    const settle = page.locator('#operations-v1-settleCharge');
    await settle.waitFor();
    expect(await page.locator('.opblock').count()).toBe(7);
    expect(await settle.textContent()).toContain('/v1/charges');
    await screenshot(page, 'api-reference');
    browserErrors.expectNone();
  });
});
