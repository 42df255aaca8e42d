/**
 * The sign-in form with the keyboard only: Tab reaches the email field first, then the
 * password, then the submit button; typing fills them; Enter submits; a wrong password is
 * announced and leaves the keyboard user in the form.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../helpers/browser.ts';
import { finishFile, invitePerson, shownText, watchConsole } from '../helpers/e2e-fixtures.ts';
import { fundCash, newFixture } from '../helpers/factories.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: BrowserContext;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(() => finishFile(server, browser));

/** What has the keyboard focus: the element's name, or its tag and text. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return 'body';
    const name = element.getAttribute('name');
    return name ? `${element.tagName.toLowerCase()}[name=${name}]` : element.tagName.toLowerCase();
  });
}

describe('keyboard', () => {
  it('signs in with Tab, typing and Enter only', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '4321.00');
    const person = await invitePerson(server, f.accountId, 'admin');
    const page = await browser.newPage();
    const browserErrors = watchConsole(page);
    await page.goto(`${server.url}/signin`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await focused(page)).toBe('body');

    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('input[name=email]');
    await page.keyboard.type(person.email);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('input[name=password]');
    await page.keyboard.type('not-the-password');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Sign in');

    // Enter on the button submits; the refusal is announced and the form stays usable.
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('The email or password is wrong.');
    expect(new URL(page.url()).pathname).toBe('/signin');
    await screenshot(page, 'keyboard-signin-refused');

    // Back to the password with Shift+Tab, retype it, and submit with Enter from the field.
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('input[name=password]');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(person.password);
    await screenshot(page, 'keyboard-signin-filled');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/accounts/${f.accountId}$`));
    expect(await shownText(page, 'overview-cash')).toBe('¥4,321.00');
    await screenshot(page, 'keyboard-signed-in');
    browserErrors.expectNone([/status of 401 .*\/trpc\/auth\.signIn/]);
    await page.close();
  });
});
