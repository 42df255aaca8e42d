/**
 * *Activate voucher* through the real UI: the operator creates a batch of activation codes
 * through the API, the admin types one as printed and gets a regular voucher of the batch's
 * denomination in the list; a mistyped code (caught by the check character, in the browser)
 * and a well-formed code nobody issued (refused by the server) each show the reason next to
 * the field, and activate nothing.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_ALPHABET, CODE_BODY_LENGTH, formatCode } from '../../common/codes.ts';
import { launchBrowser, screenshot } from '../helpers/browser.ts';
import {
  finishFile,
  openAccountPage,
  POLL,
  signInNewPerson,
  watchConsole,
} from '../helpers/e2e-fixtures.ts';
import { newFixture, uid } from '../helpers/factories.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const DAY_MS = 86_400_000;

let server: TestServer;
let browser: BrowserContext;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(() => finishFile(server, browser));

async function newCodes(amount: string, quantity: number): Promise<string[]> {
  const batch = await server.operator.vouchers.createCodeBatch.mutate({
    requestId: uid('batch'),
    amount,
    quantity,
    codeDeadlineMs: Date.now() + 7 * DAY_MS,
    validity: { kind: 'days', days: 90 },
    note: 'e2e',
  });
  if (!batch.codes) throw new Error('a new batch shows its codes');
  return [...batch.codes];
}

/** The code with its first character replaced by another of the alphabet: one typo. */
function withTypo(code: string): string {
  const first = code.charAt(0);
  const other = CODE_ALPHABET.charAt((CODE_ALPHABET.indexOf(first) + 1) % CODE_ALPHABET.length);
  return other + code.slice(1);
}

/** A well-formed code (right length, right check character) that no batch holds. */
function unissuedCode(): string {
  const body = Array.from({ length: CODE_BODY_LENGTH }, (_, i) =>
    CODE_ALPHABET.charAt((i * 7 + 3) % CODE_ALPHABET.length),
  ).join('');
  return formatCode(body);
}

async function activate(page: Page, code: string): Promise<void> {
  await page.getByLabel('Activation code').fill(code);
  await page.getByRole('button', { name: 'Activate' }).click();
}

describe('activate voucher', () => {
  it('turns a printed code into a voucher; a mistyped code shows why by the field', async () => {
    const f = await newFixture(server);
    const [code, spare] = await newCodes('250.00', 2);
    if (!code || !spare) throw new Error('two codes');
    const page = await browser.newPage();
    const browserErrors = watchConsole(page);
    await signInNewPerson(page, server, f.accountId, 'admin');
    await openAccountPage(page, server, f.accountId, '/vouchers');
    await page.getByRole('heading', { name: 'Activate voucher' }).waitFor();

    // A typo: the browser catches it by the check character, so no attempt is spent.
    await activate(page, withTypo(spare));
    const error = page.getByTestId('vouchers-code-error');
    await error.waitFor();
    expect(await error.textContent()).toBe(
      'This code has a typo: its check character does not match.',
    );
    const field = page.getByLabel('Activation code');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.getAttribute('aria-describedby')).toBe('voucher-code-error');
    await screenshot(page, 'vouchers-code-typo');

    // Well-formed but never issued: the server refuses it, and the reason shows by the field.
    await activate(page, unissuedCode());
    await expect.poll(() => error.textContent(), POLL).toBe('No such activation code.');
    expect(await f.admin.vouchers.list.query({ accountId: f.accountId })).toEqual([]);

    // The real code, typed key by key as printed: XXXX-XXXX-XXXX-XXXX-XXXX-XX.
    expect(code).toMatch(/^([0-9A-Z]{4}-){5}[0-9A-Z]{2}$/);
    await field.clear();
    await field.pressSequentially(code);
    await page.getByRole('button', { name: 'Activate' }).click();
    const result = page.getByTestId('vouchers-activate-result');
    await result.waitFor();
    const [voucher] = await f.admin.vouchers.list.query({ accountId: f.accountId });
    if (!voucher) throw new Error('the activation made a voucher');
    expect(voucher).toMatchObject({ type: 'regular', denomination: '250.00', balance: '250.00' });
    expect(await result.textContent()).toContain(`Voucher ${voucher.number} of ¥250.00 activated`);
    expect(await page.getByTestId('vouchers-code-error').count()).toBe(0);

    const row = page.locator(`[data-testid="voucher-row"][data-number="${voucher.number}"]`);
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    const expected = [voucher.number, 'Regular', '¥250.00', '¥250.00', 'Active'];
    expect(cells.slice(0, 5)).toEqual(expected);
    expect(await page.getByTestId('voucher-row').count()).toBe(1);
    await screenshot(page, 'vouchers-activated');
    // The server's refusal of the unissued code reaches the console as a failed request.
    browserErrors.expectNone([/status of 404 .*\/trpc\/vouchers\.activate/]);
    await page.close();
  });
});
