/**
 * Account security through the real UI: an invited person's first sign-in with the temporary
 * password shows only the change-password form until they choose their own, then lands on
 * the account; "sign out everywhere" ends the session of another browser; an operator resets
 * a member's password in the console (the member is then forced to change it), revokes an
 * API key (which then fails with 401), and voids a voucher (the forfeited amount shown).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signInAs } from '../helpers/browser.ts';
import {
  finishFile,
  invitePerson,
  POLL,
  shownText,
  signInNewPerson,
  watchConsole,
} from '../helpers/e2e-fixtures.ts';
import { fundCash, newFixture, uid } from '../helpers/factories.ts';
import { OPERATOR_EMAIL, OPERATOR_PASSWORD, startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: BrowserContext;
let elsewhere: BrowserContext;

beforeAll(async () => {
  [server, browser, elsewhere] = await Promise.all([
    startServer(),
    launchBrowser(),
    launchBrowser({ width: 390, height: 844 }),
  ]);
});
afterAll(() => finishFile(server, browser, elsewhere));

/** Fills the change-password form on `page` and sends it. */
async function changePassword(page: Page, current: string, next: string): Promise<void> {
  await page.getByTestId('password-current').fill(current);
  await page.getByTestId('password-new').fill(next);
  await page.getByTestId('password-repeat').fill(next);
  await page.getByTestId('password-submit').click();
}

/** The HTTP status of `accounts.get` asked with this page's cookies. */
async function accountStatus(page: Page, accountId: string): Promise<number> {
  const input = encodeURIComponent(JSON.stringify({ accountId }));
  return (await page.request.get(`${server.url}/trpc/accounts.get?input=${input}`)).status();
}

describe('a temporary password', () => {
  it('must be replaced at the first sign-in, on every route, before the account opens', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '1234.56');
    const email = `${uid('first')}@example.test`;
    const invited = await server.operator.users.invite.mutate({
      accountId: f.accountId,
      email,
      name: 'First',
      role: 'admin',
    });
    const temporary = invited.temporaryPassword ?? '';
    const page = await browser.newPage();
    const browserErrors = watchConsole(page);
    await signInAs(page, server.url, email, temporary);
    await page.getByTestId('forced-password-change').waitFor();
    await screenshot(page, 'security-forced-change-en');
    // Another route shows the same form, not the page.
    await page.goto(`${server.url}/accounts/${f.accountId}/charges`);
    await page.getByTestId('forced-password-change').waitFor();
    expect(await page.getByTestId('nav-security').count()).toBe(0);
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByText('请设置您自己的密码').waitFor();
    await screenshot(page, 'security-forced-change-zh');

    // The repeat differs: refused here, nothing sent.
    await page.getByTestId('password-current').fill(temporary);
    await page.getByTestId('password-new').fill('my-own-password-1');
    await page.getByTestId('password-repeat').fill('my-own-password-2');
    await page.getByTestId('password-submit').click();
    expect(await shownText(page, 'error-repeatPassword')).toBe('两次输入的新密码不一致。');
    // The API's own reason, by its field: the temporary password is not "current" any more.
    await changePassword(page, 'not-the-temporary', 'my-own-password-1');
    expect(await shownText(page, 'error-currentPassword')).toBe('当前密码不正确。');

    await changePassword(page, temporary, 'my-own-password-1');
    await page.waitForURL(new RegExp(`/accounts/${f.accountId}/charges$`));
    await page.getByTestId('nav-security').waitFor();
    await page.goto(`${server.url}/accounts/${f.accountId}`);
    expect(await shownText(page, 'overview-cash')).toBe('¥1,234.56');
    expect((await server.operator.users.list.query({ accountId: f.accountId }))[0]).toMatchObject({
      email,
      mustChangePassword: false,
    });
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    // The wrong current password, refused on purpose.
    browserErrors.expectNone([/status of 400 .*auth\.changePassword/]);
    await page.close();
  });
});

describe('sessions', () => {
  it('lists the sessions and signs out everywhere, another browser included', async () => {
    const f = await newFixture(server);
    const here = await browser.newPage();
    const there = await elsewhere.newPage();
    const person = await signInNewPerson(here, server, f.accountId, 'admin');
    await signInAs(there, server.url, person.email, person.password);
    expect(await accountStatus(there, f.accountId)).toBe(200);

    await here.getByTestId('nav-security').click();
    await here.waitForURL(/\/security$/);
    const rows = here.getByTestId('session-row');
    await expect.poll(() => rows.count(), POLL).toBe(2);
    expect(await here.locator('[data-testid=session-row][data-current=true]').count()).toBe(1);
    expect(await here.getByTestId('session-current').count()).toBe(1);
    await screenshot(here, 'security-page-en');
    await there.goto(`${server.url}/security`);
    await there.getByTestId('session-row').first().waitFor();
    await screenshot(there, 'security-page-phone-en');

    await here.getByTestId('sign-out-everywhere').click();
    await here.getByTestId('confirm-yes').click();
    await here.waitForURL(/\/signin$/);
    // The other browser's session ended too: the API refuses it and the UI asks to sign in.
    expect(await accountStatus(there, f.accountId)).toBe(401);
    await there.reload();
    await there.waitForURL(/\/signin$/);
    await Promise.all([here.close(), there.close()]);
  });

  it('ends one other session from the list, and that browser is signed out', async () => {
    const f = await newFixture(server);
    const here = await browser.newPage();
    const there = await elsewhere.newPage();
    const person = await signInNewPerson(here, server, f.accountId, 'viewer');
    await signInAs(there, server.url, person.email, person.password);
    await here.goto(`${server.url}/security`);
    const other = here.locator('[data-testid=session-row][data-current=false]');
    await other.waitFor();
    await other.getByTestId('session-revoke').click();
    await expect.poll(() => here.getByTestId('session-row').count(), POLL).toBe(1);
    expect(await accountStatus(there, f.accountId)).toBe(401);
    expect(await accountStatus(here, f.accountId)).toBe(200);
    await Promise.all([here.close(), there.close()]);
  });
});

describe('the operator console', () => {
  async function operatorPage(): Promise<Page> {
    const page = await browser.newPage();
    await signInAs(page, server.url, OPERATOR_EMAIL, OPERATOR_PASSWORD);
    await page.waitForURL(/\/operator$/);
    return page;
  }

  it('revokes an API key, which fails from the next request', async () => {
    const f = await newFixture(server);
    const key = await server.operator.accounts.createApiKey.mutate({
      accountId: f.accountId,
      role: 'viewer',
      label: 'finance dashboard',
    });
    const call = () =>
      fetch(
        `${server.url}/trpc/accounts.get?input=${encodeURIComponent(
          JSON.stringify({ accountId: f.accountId }),
        )}`,
        { headers: { authorization: `Bearer ${key.apiKey}` } },
      );
    expect((await call()).status).toBe(200);

    const page = await operatorPage();
    const browserErrors = watchConsole(page);
    await page.getByTestId('operator-nav').getByRole('link', { name: 'API keys' }).click();
    await page.waitForURL(/\/operator\/keys$/);
    await page.getByTestId('keys-account').locator(`option[value="${f.accountId}"]`).waitFor({
      state: 'attached',
    });
    await page.getByTestId('keys-account').selectOption(f.accountId);
    const row = page.locator(`[data-testid=key-row][data-key-id="${key.keyId}"]`);
    await row.waitFor();
    await row.getByTestId('key-revoke').click();
    const confirm = page.getByTestId('key-confirm');
    expect(await confirm.textContent()).toContain(key.keyId);
    await screenshot(page, 'operator-keys-confirm-en');
    await confirm.getByTestId('confirm-yes').click();
    expect(await shownText(page, 'key-revoked')).toBe('The key “finance dashboard” is revoked.');
    expect(await row.count()).toBe(0);

    expect((await call()).status).toBe(401);
    const listed = await server.operator.apiKeys.list.query({
      accountId: f.accountId,
      includeRevoked: true,
    });
    expect(listed.find((k) => k.keyId === key.keyId)?.revokedAtMs).toEqual(expect.any(Number));
    browserErrors.expectNone();
    await page.close();
  });

  it('resets a member’s password; the member must change it at the next sign-in', async () => {
    const f = await newFixture(server);
    // Its own browser: the operator's sign-in would replace the member's cookie in a shared one.
    const member = await elsewhere.newPage();
    const person = await signInNewPerson(member, server, f.accountId, 'admin');

    const page = await operatorPage();
    const browserErrors = watchConsole(page);
    await page.goto(`${server.url}/operator/accounts/${f.accountId}`);
    const row = page.locator(`[data-testid=person-row][data-email="${person.email}"]`);
    await row.getByTestId('member-reset').click();
    await row.getByTestId('confirm-yes').click();
    const temporary = await shownText(page, 'member-temporary-password');
    expect(temporary).toMatch(/^[A-Za-z2-9]{18}$/);
    await screenshot(page, 'operator-member-reset-en');
    // The role changes from the same row.
    await row.getByTestId('member-role').selectOption('viewer');
    await expect
      .poll(async () => (await server.operator.users.list.query({ accountId: f.accountId }))[0]?.role, POLL)
      .toBe('viewer');
    await expect.poll(() => row.getByTestId('person-must-change').count(), POLL).toBe(1);

    // The member's session ended with the reset; the old password no longer opens anything.
    expect(await accountStatus(member, f.accountId)).toBe(401);
    await signInAs(member, server.url, person.email, temporary);
    await member.getByTestId('forced-password-change').waitFor();
    await changePassword(member, temporary, 'after-the-reset-1');
    await member.waitForURL(new RegExp(`/accounts/${f.accountId}$`));
    await member.getByTestId('overview-cash').waitFor();
    browserErrors.expectNone();
    await Promise.all([page.close(), member.close()]);
  });

  it('removes a member, who then loses the account', async () => {
    const f = await newFixture(server);
    const person = await invitePerson(server, f.accountId, 'viewer');
    const page = await operatorPage();
    await page.goto(`${server.url}/operator/accounts/${f.accountId}`);
    const row = page.locator(`[data-testid=person-row][data-email="${person.email}"]`);
    await row.getByTestId('member-remove').click();
    await row.getByTestId('confirm-yes').click();
    await page.getByTestId('people-empty').waitFor();
    expect(await server.operator.users.list.query({ accountId: f.accountId })).toEqual([]);
    await page.close();
  });

  it('voids a voucher from the account, naming what is forfeited', async () => {
    const f = await newFixture(server);
    const voucher = await server.operator.vouchers.issue.mutate({
      accountId: f.accountId,
      requestId: uid('promo'),
      amount: '1500.25',
      validity: { kind: 'days', days: 90 },
    });
    const page = await operatorPage();
    const browserErrors = watchConsole(page);
    await page.goto(`${server.url}/operator/accounts/${f.accountId}`);
    const row = page.locator(`[data-testid=operator-voucher-row][data-number="${voucher.number}"]`);
    await row.getByTestId('voucher-void').click();
    const confirm = page.getByTestId('voucher-void-confirm');
    expect(await confirm.textContent()).toContain(`remaining balance of ¥1,500.25`);
    await confirm.getByTestId('confirm-yes').click();
    expect(await shownText(page, 'voucher-voided')).toBe(
      `Voucher ${voucher.number} is void; ¥1,500.25 forfeited.`,
    );
    await expect.poll(() => row.getByTestId('voucher-void').count(), POLL).toBe(0);
    const [after] = await server.operator.vouchers.list.query({ accountId: f.accountId });
    expect(after).toMatchObject({ number: voucher.number, status: 'voided', balance: '0.00' });
    await screenshot(page, 'operator-voucher-void-en');
    browserErrors.expectNone();
    await page.close();
  });
});
