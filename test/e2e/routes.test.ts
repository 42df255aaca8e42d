/**
 * Guarded routes through the real UI: the operator console is for operators only (a viewer
 * or an admin who opens /operator lands on their own account, and never sees the console's
 * forms); an address no page has shows "page not found"; an account that does not exist is
 * "not found" to an operator, while to anyone else any account not theirs is "not allowed"
 * (the server tells strangers nothing more).
 */
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signInAs } from '../helpers/browser.ts';
import {
  finishFile,
  openAccountPage,
  signInNewPerson,
  watchConsole,
} from '../helpers/e2e-fixtures.ts';
import { newFixture } from '../helpers/factories.ts';
import {
  OPERATOR_EMAIL,
  OPERATOR_PASSWORD,
  startServer,
  type TestServer,
} from '../helpers/server.ts';

let server: TestServer;
let browser: BrowserContext;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(() => finishFile(server, browser));

const CONSOLE_PATHS = ['/operator', '/operator/codes', '/operator/invoices', '/operator/audit'];

describe('the operator console', () => {
  for (const role of ['viewer', 'admin'] as const) {
    it(`sends a${role === 'admin' ? 'n' : ''} ${role} to their own account`, async () => {
      const f = await newFixture(server);
      const page = await browser.newPage();
      const errors = watchConsole(page);
      await signInNewPerson(page, server, f.accountId, role);
      for (const path of [...CONSOLE_PATHS, `/operator/accounts/${f.accountId}`]) {
        await page.goto(`${server.url}${path}`);
        await page.waitForURL(new RegExp(`/accounts/${f.accountId}$`));
        await page.getByTestId('overview-cash').waitFor();
        expect(await page.getByTestId('operator-nav').count(), path).toBe(0);
        expect(await page.getByRole('button', { name: 'Create account' }).count(), path).toBe(0);
      }
      // The menu offers no way there either.
      expect(await page.getByRole('link', { name: 'Operator console' }).count()).toBe(0);
      await screenshot(page, `routes-${role}-from-operator`);
      errors.expectNone();
      await page.close();
    });
  }

  it('opens for an operator', async () => {
    const page = await browser.newPage();
    const errors = watchConsole(page);
    await signInAs(page, server.url, OPERATOR_EMAIL, OPERATOR_PASSWORD);
    for (const path of CONSOLE_PATHS) {
      await page.goto(`${server.url}${path}`);
      await page.getByTestId('operator-nav').waitFor();
      expect(new URL(page.url()).pathname).toBe(path);
    }
    errors.expectNone();
    await page.close();
  });
});

describe('addresses without a page', () => {
  it('show "page not found", inside and outside an account and the console', async () => {
    const f = await newFixture(server);
    const page = await browser.newPage();
    const errors = watchConsole(page);
    await signInNewPerson(page, server, f.accountId, 'admin');
    for (const path of ['/no/such/page', `/accounts/${f.accountId}/no-such-page`]) {
      await page.goto(`${server.url}${path}`);
      const notFound = page.getByTestId('not-found');
      await notFound.waitFor();
      expect(await notFound.getByRole('heading').textContent(), path).toBe('Page not found');
      expect(await notFound.getByRole('link', { name: 'Go to the start page' }).count()).toBe(1);
    }
    await screenshot(page, 'routes-not-found');
    await page.getByRole('link', { name: 'Go to the start page' }).click();
    await page.waitForURL(new RegExp(`/accounts/${f.accountId}$`));

    await signInAs(page, server.url, OPERATOR_EMAIL, OPERATOR_PASSWORD);
    await page.goto(`${server.url}/operator/no-such-page`);
    await page.getByTestId('not-found').waitFor();
    errors.expectNone();
    await page.close();
  });
});

describe('an account that is missing or not yours', () => {
  it('is "not found" to an operator and "not allowed" to anyone else', async () => {
    const own = await newFixture(server);
    const other = await newFixture(server, 'Other');
    const missing = 'acct_does_not_exist';
    const page = await browser.newPage();
    const errors = watchConsole(page);
    await signInNewPerson(page, server, own.accountId, 'viewer');
    for (const accountId of [other.accountId, missing]) {
      await openAccountPage(page, server, accountId, '/statement');
      const refused = page.getByTestId('not-allowed');
      await refused.waitFor();
      expect(await refused.getByRole('heading').textContent()).toBe('Not allowed');
      expect(await refused.getByRole('alert').textContent()).toBe(
        'You are not allowed to see or do this.',
      );
      expect(await page.getByTestId('not-found').count()).toBe(0);
    }
    await screenshot(page, 'routes-not-allowed');

    await signInAs(page, server.url, OPERATOR_EMAIL, OPERATOR_PASSWORD);
    await openAccountPage(page, server, missing, '/statement');
    const notFound = page.getByTestId('not-found');
    await notFound.waitFor();
    expect(await notFound.getByRole('heading').textContent()).toBe('Account not found');
    await screenshot(page, 'routes-account-not-found');
    // An operator opens an existing account's pages as before.
    await openAccountPage(page, server, other.accountId);
    await page.getByTestId('overview-cash').waitFor();
    errors.expectNone([
      new RegExp(`status of 403 .*${other.accountId}`),
      new RegExp(`status of 403 .*${missing}`),
      new RegExp(`status of 404 .*${missing}`),
    ]);
    await page.close();
  });
});
