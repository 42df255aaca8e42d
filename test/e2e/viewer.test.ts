/**
 * A viewer through the real UI: they read their own account, but another account's pages
 * show no data (an access message instead) and the API refuses them; on their own account
 * the pages offer no top-up, activation, purchase or invoice forms, and the API refuses the
 * same requests made with their session.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../helpers/browser.ts';
import {
  finishFile,
  openAccountPage,
  shownText,
  signInNewPerson,
  watchConsole,
} from '../helpers/e2e-fixtures.ts';
import { fundCash, newFixture, uid } from '../helpers/factories.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: BrowserContext;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(() => finishFile(server, browser));

/** A tRPC call with the page's session cookie; the HTTP status of the answer. */
async function callWithSession(
  page: Page,
  procedure: string,
  input: unknown,
  kind: 'query' | 'mutation',
): Promise<number> {
  const url = `${server.url}/trpc/${procedure}`;
  const response =
    kind === 'query'
      ? await page.request.get(`${url}?input=${encodeURIComponent(JSON.stringify(input))}`)
      : await page.request.post(url, { data: input });
  return response.status();
}

describe('a viewer', () => {
  it("cannot see another account's pages, and the API refuses to show them", async () => {
    const own = await newFixture(server);
    const other = await newFixture(server, 'Other');
    await fundCash(server, own.remittanceRef, '500.00');
    await fundCash(server, other.remittanceRef, '98765.43');
    const page = await browser.newPage();
    const browserErrors = watchConsole(page);
    await signInNewPerson(page, server, own.accountId, 'viewer');
    // Their own account they can read.
    expect(await shownText(page, 'overview-cash')).toBe('¥500.00');

    for (const path of ['', '/charges', '/statement', '/invoices']) {
      await openAccountPage(page, server, other.accountId, path);
      const alert = page.getByRole('alert').first();
      await alert.waitFor();
      expect(await alert.textContent()).toBe('You are not allowed to see or do this.');
      expect(await page.getByTestId('overview-cash').count()).toBe(0);
      expect(await page.locator('body').textContent()).not.toContain('98,765.43');
    }
    await openAccountPage(page, server, other.accountId);
    await page.getByRole('alert').waitFor();
    await screenshot(page, 'viewer-other-account');

    const input = { accountId: other.accountId };
    expect(await callWithSession(page, 'accounts.get', input, 'query')).toBe(403);
    expect(await callWithSession(page, 'vouchers.list', input, 'query')).toBe(403);
    const csv = await page.request.get(
      `${server.url}/ledger/export.csv?accountId=${other.accountId}`,
    );
    expect(csv.status()).toBe(403);
    expect(await csv.text()).not.toContain('98765.43');
    // The refused reads of the other account reach the console as failed requests.
    browserErrors.expectNone([new RegExp(`status of 403 .*${other.accountId}`)]);
    await page.close();
  });

  it('is offered no forms on their own account, and the API refuses the changes', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '50000.00');
    const page = await browser.newPage();
    const browserErrors = watchConsole(page);
    await signInNewPerson(page, server, f.accountId, 'viewer');

    await openAccountPage(page, server, f.accountId, '/topup');
    await page.getByTestId('topup-readonly').waitFor();
    expect(await page.getByTestId('topup-form').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Pay with Alipay' }).count()).toBe(0);
    // The bank details are information, not a form: a viewer may read them.
    await page.getByTestId('topup-bank-reference').waitFor();
    await screenshot(page, 'viewer-topup');

    await openAccountPage(page, server, f.accountId, '/vouchers');
    await page.getByRole('heading', { name: 'Your vouchers' }).waitFor();
    expect(await page.getByLabel('Activation code').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Activate' }).count()).toBe(0);

    await openAccountPage(page, server, f.accountId, '/cards');
    await page.getByRole('heading', { name: 'Your cards' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Buy cards' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Review purchase' }).count()).toBe(0);

    await openAccountPage(page, server, f.accountId, '/invoices');
    await page.getByTestId('invoices-readonly').waitFor();
    expect(await page.getByRole('button', { name: 'Request invoice' }).count()).toBe(0);

    await openAccountPage(page, server, f.accountId, '/workspaces');
    await page.getByTestId('workspace-row').waitFor();
    expect(await page.getByTestId('workspace-change').count()).toBe(0);
    await screenshot(page, 'viewer-workspaces');

    const accountId = f.accountId;
    const refused = [
      ['cash.createTopUp', { accountId, amount: '10.00' }],
      ['vouchers.activate', { accountId, code: '7K3M-Q9XZ-2B4D-HT6R-WN8C-5P' }],
      [
        'prepaidCards.purchase',
        { accountId, requestId: uid('buy'), denomination: '10000.00', quantity: 1 },
      ],
      [
        'invoices.request',
        {
          accountId,
          requestId: uid('inv'),
          title: 'Acme',
          taxId: '91310000MA1FL8XQ3K',
          amount: '1.00',
          email: 'finance@acme.example',
          type: 'general',
        },
      ],
      [
        'workspaces.setSettlementMethod',
        {
          workspaceId: f.workspaceId,
          settlement: { method: 'cloud_account', cloudProvider: 'aws', cloudAccountId: 'aws-1' },
        },
      ],
    ] as const;
    for (const [procedure, body] of refused) {
      expect([procedure, await callWithSession(page, procedure, body, 'mutation')]).toEqual([
        procedure,
        403,
      ]);
    }
    // Nothing changed.
    const account = await f.admin.accounts.get.query({ accountId });
    expect(account.cash).toBe('50000.00');
    expect(await f.admin.prepaidCards.list.query({ accountId })).toEqual([]);
    const [workspace] = await f.admin.workspaces.list.query({ accountId });
    expect(workspace?.settlementMethod).toBe('billing_center');
    browserErrors.expectNone();
    await page.close();
  });
});
