/**
 * Signing in through the real UI in a real browser, against a real server.
 */
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signInAs } from '../helpers/browser.ts';
import {
  OPERATOR_EMAIL,
  OPERATOR_PASSWORD,
  startServer,
  type TestServer,
} from '../helpers/server.ts';

let server: TestServer;
let browser: BrowserContext;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('sign-in page', () => {
  it('refuses a wrong password with a message, then signs the operator in', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/signin$/);
    await page.getByLabel(/email|邮箱/i).fill(OPERATOR_EMAIL);
    await page.getByLabel(/password|密码/i).fill('not-the-password');
    await page.getByRole('button', { name: /sign in|登录/i }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(
      /email or password is wrong/,
    );
    await screenshot(page, 'signin-refused');
    await signInAs(page, server.url, OPERATOR_EMAIL, OPERATOR_PASSWORD);
    expect(new URL(page.url()).pathname).toMatch(/^\/operator/);
    await screenshot(page, 'operator-home');
    const cookies = await browser.cookies(server.url);
    expect(cookies.find((c) => c.name === 'aw_session')).toMatchObject({ httpOnly: true });
  });
});
