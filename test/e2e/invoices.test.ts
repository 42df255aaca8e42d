/**
 * Invoices through the real UI, with two people in two browsers: the admin requests an
 * invoice for cash actually spent, and it shows as requested; the operator opens the invoice
 * queue and issues it with a number; back on the admin's page the invoice shows issued with
 * that number, and nothing is left to request.
 */
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signInAs } from '../helpers/browser.ts';
import {
  finishFile,
  openAccountPage,
  POLL,
  signInNewPerson,
  watchConsole,
} from '../helpers/e2e-fixtures.ts';
import { chargeInput, fundCash, newFixture, uid } from '../helpers/factories.ts';
import {
  OPERATOR_EMAIL,
  OPERATOR_PASSWORD,
  startServer,
  type TestServer,
} from '../helpers/server.ts';

let server: TestServer;
let adminBrowser: BrowserContext;
let operatorBrowser: BrowserContext;

beforeAll(async () => {
  [server, adminBrowser, operatorBrowser] = await Promise.all([
    startServer(),
    launchBrowser(),
    launchBrowser(),
  ]);
});
afterAll(() => finishFile(server, adminBrowser, operatorBrowser));

describe('invoices', () => {
  it('admin requests, operator issues with a number, admin sees it issued', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '1000.00');
    // Cash spent on a charge is what becomes invoiceable; the rest of the cash is not.
    await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '345.60'));

    const admin = await adminBrowser.newPage();
    const adminConsole = watchConsole(admin);
    await signInNewPerson(admin, server, f.accountId, 'admin');
    await openAccountPage(admin, server, f.accountId, '/invoices');
    const available = admin.getByTestId('invoices-available');
    await expect.poll(() => available.textContent(), POLL).toBe('¥345.60');
    expect(await admin.getByTestId('invoices-empty').count()).toBe(1);

    await admin.getByLabel('Invoice title (company name)').fill('Acme Robotics Co., Ltd.');
    await admin.getByLabel('Tax ID').fill('91310000MA1FL8XQ3K');
    await admin.getByLabel('Amount (CNY)').fill('345.60');
    await admin.getByLabel('Email for the invoice').fill('finance@acme.example');
    await admin.getByRole('button', { name: 'Request invoice' }).click();
    await admin.getByTestId('invoice-requested').waitFor();
    const row = admin.getByTestId('invoice-row');
    await expect.poll(() => row.getAttribute('data-status'), POLL).toBe('requested');
    expect(await row.getByTestId('invoice-status').textContent()).toBe('Requested');
    const invoiceId = await row.getAttribute('data-invoice-id');
    expect(await admin.getByTestId('invoices-pending').textContent()).toBe('¥345.60');
    expect(await available.textContent()).toBe('¥0.00');
    await screenshot(admin, 'invoices-requested');

    const operator = await operatorBrowser.newPage();
    const operatorConsole = watchConsole(operator);
    await signInAs(operator, server.url, OPERATOR_EMAIL, OPERATOR_PASSWORD);
    await operator.getByTestId('operator-nav').getByRole('link', { name: 'Invoice queue' }).click();
    const queued = operator.locator(
      `[data-testid="queue-row"][data-invoice-id="${invoiceId ?? ''}"]`,
    );
    await queued.waitFor();
    expect(await queued.textContent()).toContain('Acme Robotics Co., Ltd.');
    const number = `INV-${uid('e2e').slice(4).toUpperCase()}`;
    await queued.getByLabel('Invoice number').fill(number);
    await queued.getByRole('button', { name: 'Issue' }).click();
    const done = operator.getByTestId('queue-done');
    await done.waitFor();
    expect(await done.textContent()).toBe(`Invoice ${number} of ¥345.60 issued.`);
    await screenshot(operator, 'invoices-operator-issued');

    await admin.reload();
    await expect.poll(() => row.getAttribute('data-status'), POLL).toBe('issued');
    expect(await row.getByTestId('invoice-number').textContent()).toBe(`No. ${number}`);
    expect(await admin.getByTestId('invoices-invoiced').textContent()).toBe('¥345.60');
    expect(await admin.getByTestId('invoices-pending').textContent()).toBe('¥0.00');
    await screenshot(admin, 'invoices-issued');
    adminConsole.expectNone();
    operatorConsole.expectNone();
    await Promise.all([admin.close(), operator.close()]);
  });
});
