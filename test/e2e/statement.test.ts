/**
 * The statement through the real UI: the page lists the ledger, and its CSV link downloads
 * (with the session cookie) a file whose rows are the ledger's entries — ids, instruments,
 * signed amounts, balances after and reasons — as the API's `ledger.list` returns them.
 */
import { readFile } from 'node:fs/promises';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../helpers/browser.ts';
import {
  finishFile,
  openAccountPage,
  parseCsv,
  POLL,
  signInNewPerson,
  watchConsole,
} from '../helpers/e2e-fixtures.ts';
import { chargeInput, fundCash, newFixture, uid } from '../helpers/factories.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const DAY_MS = 86_400_000;

let server: TestServer;
let browser: BrowserContext;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(() => finishFile(server, browser));

describe('statement', () => {
  it('downloads a CSV whose rows are the ledger entries', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '2500.00');
    await f.admin.prepaidCards.purchase.mutate({
      accountId: f.accountId,
      requestId: uid('buy'),
      denomination: '500.00',
      quantity: 2,
    });
    const nowMs = Date.now();
    await server.operator.vouchers.issue.mutate({
      accountId: f.accountId,
      requestId: uid('issue'),
      amount: '80.00',
      validity: { kind: 'fixed', validFromMs: nowMs - DAY_MS, expiresAtMs: nowMs + 90 * DAY_MS },
    });
    await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '1234.56'));
    const sms = chargeInput(f.workspaceId, '99.99', { category: 'sms' });
    await f.metering.charges.settle.mutate(sms);
    const ledger = await f.admin.ledger.list.query({ accountId: f.accountId, limit: 500 });
    expect(ledger.nextCursor).toBeNull();
    // Money moved in, out, through every kind the account holds.
    const instruments = new Set(ledger.items.map((entry) => entry.instrument));
    expect([...instruments].sort()).toEqual(['cash', 'prepaid_card', 'regular_voucher']);

    const page = await browser.newPage();
    const browserErrors = watchConsole(page);
    await signInNewPerson(page, server, f.accountId, 'admin');
    await openAccountPage(page, server, f.accountId, '/statement');
    const rows = page.getByTestId('ledger-row');
    await expect.poll(() => rows.count(), POLL).toBe(ledger.items.length);
    const onScreen = await rows.evaluateAll((elements) =>
      elements.map((element) => element.getAttribute('data-entry-id')),
    );
    expect(onScreen).toEqual(ledger.items.map((entry) => String(entry.entryId)));
    await screenshot(page, 'statement');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`statement-${f.accountId}.csv`);
    const path = await download.path();
    const [header, ...records] = parseCsv(await readFile(path, 'utf8'));
    expect(header).toEqual([
      'entryId',
      'createdAt',
      'accountId',
      'workspaceId',
      'instrument',
      'instrumentId',
      'amount',
      'balanceAfter',
      'reason',
      'refType',
      'refId',
    ]);
    expect(records).toEqual(
      ledger.items.map((entry) => [
        String(entry.entryId),
        new Date(entry.createdAtMs).toISOString(),
        f.accountId,
        entry.workspaceId ?? '',
        entry.instrument,
        entry.instrumentId ?? '',
        entry.amount,
        entry.balanceAfter ?? '',
        entry.reason,
        entry.refType,
        entry.refId,
      ]),
    );
    browserErrors.expectNone();
    await page.close();
  });
});
