/**
 * Forms that refuse before sending what must fail, and offer the way out, through the real
 * UI, server and Alipay sandbox:
 * - a card purchase above cash cannot be confirmed; its "top up" link opens the top-up with
 *   the missing amount filled in, and once paid the same purchase goes through;
 * - the top-up takes amounts with thousands separators, offers an overdue account what it
 *   owes, and lists the account's orders with their status;
 * - switching a workspace to a cloud account asks first, naming the consequences; afterwards
 *   the method cannot change, and the page says why and from when;
 * - a special VAT invoice asks for the buyer's address, phone, bank and account; a pending
 *   request can be cancelled; with nothing available the form is closed and says why; an
 *   issued invoice has its detail page.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { date } from '../../client/src/lib/format.ts';
import { launchBrowser, screenshot } from '../helpers/browser.ts';
import {
  finishFile,
  openAccountPage,
  POLL,
  shownText,
  signInNewPerson,
  watchConsole,
} from '../helpers/e2e-fixtures.ts';
import { chargeInput, fundCash, newFixture, uid } from '../helpers/factories.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: BrowserContext;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(() => finishFile(server, browser));

/** Pays the order on screen on the sandbox checkout page (a new tab, as Alipay would be). */
async function payOnCheckout(page: Page): Promise<void> {
  const [checkout] = await Promise.all([
    browser.waitForEvent('page'),
    page.getByTestId('topup-checkout-link').click(),
  ]);
  await checkout.waitForLoadState();
  await checkout.getByRole('button', { name: 'Pay' }).click();
  await checkout.getByTestId('paid').waitFor();
  await checkout.close();
  await page.bringToFront();
  await expect
    .poll(() => page.getByTestId('topup-status').getAttribute('data-status'), POLL)
    .toBe('paid');
}

describe('card purchase above the available cash', () => {
  it('is refused before submit; the top-up it offers covers it; then it buys', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '24495.15');
    const page = await browser.newPage();
    const errors = watchConsole(page);
    await signInNewPerson(page, server, f.accountId, 'admin');

    await openAccountPage(page, server, f.accountId, '/cards');
    await page.getByLabel('Denomination per card (multiples of 100)').fill('10000');
    await page.getByLabel('Quantity').fill('3');
    const refusal = page.getByTestId('cards-above-cash');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(
      'The total ¥30,000.00 is more than your cash ¥24,495.15',
    );
    const review = page.getByRole('button', { name: 'Review purchase' });
    expect(await review.isDisabled()).toBe(true);
    // Enter in a field submits the form: still no confirm step.
    await page.getByLabel('Quantity').press('Enter');
    expect(await page.getByTestId('cards-confirm-step').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Buy for/ }).count()).toBe(0);
    // The cards notice is on the page once.
    expect(await page.getByText(/non-refundable, non-transferable/).count()).toBe(1);
    await screenshot(page, 'forms-cards-above-cash');
    expect(await f.admin.prepaidCards.list.query({ accountId: f.accountId })).toEqual([]);

    await page.getByRole('link', { name: 'Top up ¥5,504.85' }).click();
    await page.waitForURL(/\/topup\?amount=5504\.85$/);
    const amount = page.getByLabel('Amount (CNY)');
    await expect.poll(() => amount.inputValue(), POLL).toBe('5504.85');
    await page.getByRole('button', { name: 'Pay with Alipay' }).click();
    await page.getByTestId('topup-checkout').waitFor();
    expect(await page.getByTestId('topup-checkout').getByRole('heading').textContent()).toBe(
      'Pay ¥5,504.85 with Alipay',
    );
    await payOnCheckout(page);

    await openAccountPage(page, server, f.accountId, '/cards');
    await page.getByLabel('Denomination per card (multiples of 100)').fill('10000');
    await page.getByLabel('Quantity').fill('3');
    await page.getByTestId('cards-quote-total').waitFor();
    await expect.poll(() => review.isDisabled(), POLL).toBe(false);
    expect(await refusal.count()).toBe(0);
    await review.click();
    await page.getByRole('button', { name: 'Buy for ¥30,000.00' }).click();
    await page.getByTestId('cards-result').waitFor();
    expect((await f.admin.accounts.get.query({ accountId: f.accountId })).cash).toBe('0.00');
    errors.expectNone();
    await page.close();
  });
});

describe('top-up', () => {
  it('takes "1,000.50", offers what an overdue account owes, and lists the orders', async () => {
    const f = await newFixture(server);
    await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '1234.56'));
    const page = await browser.newPage();
    const errors = watchConsole(page);
    await signInNewPerson(page, server, f.accountId, 'admin');
    await openAccountPage(page, server, f.accountId, '/topup');
    await page.getByTestId('topup-orders-empty').waitFor();

    const owed = page.getByTestId('topup-owed');
    await owed.waitFor();
    expect(await owed.textContent()).toContain('This account owes ¥1,234.56.');
    await page.getByRole('button', { name: 'Pay off ¥1,234.56 owed' }).click();
    const amount = page.getByLabel('Amount (CNY)');
    expect(await amount.inputValue()).toBe('1234.56');

    await amount.fill('1,000.50');
    expect(await page.getByTestId('topup-amount-error').count()).toBe(0);
    await page.getByRole('button', { name: 'Pay with Alipay' }).click();
    await page.getByTestId('topup-checkout').waitFor();
    expect(await page.getByTestId('topup-checkout').getByRole('heading').textContent()).toBe(
      'Pay ¥1,000.50 with Alipay',
    );
    const row = page.getByTestId('topup-order-row');
    await expect.poll(() => row.count(), POLL).toBe(1);
    expect(await row.getAttribute('data-status')).toBe('pending');
    expect(await row.getByRole('cell').nth(2).textContent()).toBe('¥1,000.50');
    expect(await row.getByRole('cell').nth(3).textContent()).toBe('Waiting for payment');
    await screenshot(page, 'forms-topup-orders');

    await payOnCheckout(page);
    // The list follows: the order is paid, and it paid the overdue first.
    await expect.poll(() => row.getAttribute('data-status'), POLL).toBe('paid');
    expect(await row.getByRole('cell').nth(3).textContent()).toBe('Paid');
    const account = await f.admin.accounts.get.query({ accountId: f.accountId });
    expect([account.cash, account.overdue]).toEqual(['0.00', '234.06']);
    errors.expectNone();
    await page.close();
  });
});

describe('settlement method', () => {
  it('asks before switching to a cloud account; then says why and until when it is fixed', async () => {
    const f = await newFixture(server);
    const page = await browser.newPage();
    const errors = watchConsole(page);
    await signInNewPerson(page, server, f.accountId, 'admin');
    await openAccountPage(page, server, f.accountId, '/workspaces');

    await page.getByRole('button', { name: 'Change method' }).click();
    await page.getByLabel('Settlement method').selectOption('cloud_account');
    await page.getByTestId('workspace-provider').selectOption('aws');
    await page.getByLabel('Cloud account ID').fill('111122223333');
    await page.getByRole('button', { name: 'Save method' }).click();
    const confirm = page.getByTestId('workspace-cloud-confirm');
    await confirm.waitFor();
    const text = (await confirm.textContent()) ?? '';
    expect(text).toContain('Settle through AWS account 111122223333?');
    expect(text).toContain(
      'general charges that vouchers and prepaid cards do not cover are billed to AWS account 111122223333',
    );
    expect(text).toContain('cannot move back to the billing center');
    expect(text).toContain('this change uses up this month’s');
    await screenshot(page, 'forms-cloud-confirm');
    // Asked, not yet changed.
    const before = await f.admin.workspaces.get.query({ workspaceId: f.workspaceId });
    expect(before.settlementMethod).toBe('billing_center');

    await page.getByRole('button', { name: 'Switch to the cloud account' }).click();
    const current = page.getByTestId('workspace-method-current');
    await expect.poll(() => current.getAttribute('data-method'), POLL).toBe('cloud_account');
    const change = page.getByRole('button', { name: 'Change method' });
    expect(await change.isDisabled()).toBe(true);
    expect(await shownText(page, 'workspace-method-locked')).toContain(
      'settles through its AWS account 111122223333 until that subscription is cancelled',
    );

    // The subscription ends: back on the billing center, but this month's change is used.
    await server.operator.workspaces.endCloudSubscription.mutate({
      workspaceId: f.workspaceId,
      cloudAccountId: '111122223333',
    });
    const after = await f.admin.workspaces.get.query({ workspaceId: f.workspaceId });
    expect(after.methodLock).toBe('month_limit');
    await page.reload();
    await expect.poll(() => current.getAttribute('data-method'), POLL).toBe('billing_center');
    expect(await change.isDisabled()).toBe(true);
    expect(await shownText(page, 'workspace-method-locked')).toBe(
      `The method was already changed this month; the next change is possible from ${date(after.nextMethodChangeAtMs)}.`,
    );
    expect(await page.getByText(/Not changed/).count()).toBe(0);
    await screenshot(page, 'forms-method-locked');
    errors.expectNone();
    await page.close();
  });
});

describe('invoices', () => {
  it('asks a special invoice for the buyer details, cancels, closes at ¥0, shows details', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '500.00');
    await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '300.00'));
    const page = await browser.newPage();
    const errors = watchConsole(page);
    await signInNewPerson(page, server, f.accountId, 'admin');
    await openAccountPage(page, server, f.accountId, '/invoices');
    const available = page.getByTestId('invoices-available');
    await expect.poll(() => available.textContent(), POLL).toBe('¥300.00');

    await page.getByLabel('Special VAT invoice').check();
    await page.getByLabel('Invoice title (company name)').fill('Acme Robotics Co., Ltd.');
    await page.getByLabel('Tax ID', { exact: true }).fill('91310000ma1fl8xq3k');
    await page.getByLabel('Amount (CNY)').fill('120.00');
    await page.getByLabel('Email for the invoice').fill('finance@acme.example');
    await page.getByRole('button', { name: 'Request invoice' }).click();
    for (const field of ['address', 'phone', 'bankName', 'bankAccount']) {
      expect(await shownText(page, `error-${field}`)).toBe('A special VAT invoice needs this.');
    }
    await screenshot(page, 'forms-invoice-special-required');
    expect(await f.admin.invoices.list.query({ accountId: f.accountId })).toEqual([]);

    await page.getByLabel('Registered address').fill('上海市浦东新区世纪大道 100 号');
    await page.getByLabel('Registered phone').fill('021-6888 8888');
    await page.getByLabel('Bank', { exact: true }).fill('中国工商银行上海分行');
    await page.getByLabel('Bank account number').fill('1001 2345 6789 0123 456');
    await page.getByRole('button', { name: 'Request invoice' }).click();
    await page.getByTestId('invoice-requested').waitFor();
    const rows = page.getByTestId('invoice-row');
    await expect.poll(() => rows.count(), POLL).toBe(1);
    await expect.poll(() => available.textContent(), POLL).toBe('¥180.00');

    // Cancelled: the amount is available again.
    await rows.first().getByRole('button', { name: /Cancel request/ }).click();
    await expect.poll(() => rows.first().getAttribute('data-status'), POLL).toBe('cancelled');
    await expect.poll(() => available.textContent(), POLL).toBe('¥300.00');

    // Everything requested: the form closes and says why. The buyer's details were kept.
    await page.getByLabel('General VAT invoice').check();
    expect(await page.getByLabel('Tax ID', { exact: true }).inputValue()).toBe(
      '91310000MA1FL8XQ3K',
    );
    await page.getByLabel('Amount (CNY)').fill('300');
    await page.getByRole('button', { name: 'Request invoice' }).click();
    const closed = page.getByTestId('invoices-nothing-available');
    await closed.waitFor();
    expect(await closed.textContent()).toContain('¥300.00 is requested');
    expect(await page.getByTestId('invoice-form').count()).toBe(0);
    await screenshot(page, 'forms-invoice-closed');

    const pending = (await f.admin.invoices.list.query({ accountId: f.accountId })).find(
      (invoice) => invoice.status === 'requested',
    );
    const invoiceNumber = `FP-${uid('e2e').slice(4).toUpperCase()}`;
    const issued = await server.operator.invoices.issue.mutate({
      invoiceId: pending?.invoiceId ?? '',
      invoiceNumber,
    });
    await page.reload();
    await closed.waitFor();
    expect(await closed.textContent()).toContain('Nothing to invoice yet');

    const issuedRow = page.locator(`[data-testid="invoice-row"][data-status="issued"]`);
    await issuedRow.getByRole('link', { name: /Details/ }).click();
    const detail = page.getByTestId('invoice-detail');
    await detail.waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      `Invoice ${invoiceNumber}`,
    );
    expect(await shownText(page, 'invoice-detail-number')).toBe(invoiceNumber);
    expect(await shownText(page, 'invoice-detail-date')).toBe(date(issued.decidedAtMs));
    expect(await shownText(page, 'invoice-detail-type')).toBe('General VAT invoice');
    expect(await shownText(page, 'invoice-detail-title')).toBe('Acme Robotics Co., Ltd.');
    expect(await shownText(page, 'invoice-detail-tax-id')).toBe('91310000MA1FL8XQ3K');
    expect(await shownText(page, 'invoice-detail-amount')).toBe('¥300.00');
    const history = page.getByTestId('invoice-history').getByRole('listitem');
    expect(await history.evaluateAll((items) => items.map((li) => li.dataset['status']))).toEqual([
      'requested',
      'issued',
    ]);
    await screenshot(page, 'forms-invoice-detail');

    // The cancelled special request keeps its buyer details on its page.
    await page.goBack();
    const cancelledRow = page.locator(`[data-testid="invoice-row"][data-status="cancelled"]`);
    await cancelledRow.getByRole('link', { name: /Details/ }).click();
    expect(await shownText(page, 'invoice-detail-bankAccount')).toBe('1001 2345 6789 0123 456');
    expect(await shownText(page, 'invoice-detail-tax-id')).toBe('91310000MA1FL8XQ3K');
    errors.expectNone();
    await page.close();
  });
});
