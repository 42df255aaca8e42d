/**
 * Helpers for the browser tests: people who sign in with email and password (invited by the
 * operator), money read back from the screen as exact integer fen, a watch on the browser
 * console (an unexpected console error fails the test), a reader for the CSV export, and the
 * end of every file (clean audit, no server errors, everything stopped).
 *
 * Money on screen is parsed strictly: two decimals, thousands separators where they belong,
 * an optional currency sign; anything else is a failure, not a guess.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { amountToFen } from '../../common/money.ts';
import { signInAs } from './browser.ts';
import { expectCleanAudit, uid } from './factories.ts';
import { firstSignIn } from './people.ts';
import type { TestServer } from './server.ts';

/**
 * For `expect.poll` on what the UI shows: pages answer after a request or a debounce, which
 * on a loaded machine can take longer than vitest's default second.
 */
export const POLL = { timeout: 10_000, interval: 100 } as const;

export interface Person {
  readonly email: string;
  readonly password: string;
}

/** A person invited by the operator to `accountId`, past the first sign-in, and their password. */
export async function invitePerson(
  server: TestServer,
  accountId: string,
  role: 'admin' | 'viewer',
): Promise<Person> {
  const email = `${uid(role)}@example.test`;
  const invited = await server.operator.users.invite.mutate({
    accountId,
    email,
    name: `Test ${role}`,
    role,
  });
  if (!invited.temporaryPassword) throw new Error(`no temporary password for ${email}`);
  // An invited person must first replace the temporary password; done here without a browser
  // (test/e2e/security.test.ts walks that step in the browser).
  const { browser, password } = await firstSignIn(server.url, email, invited.temporaryPassword);
  await browser.client.auth.signOut.mutate();
  return { email: invited.email, password };
}

/** Invites a person to the account and signs them in on `page`; they land on its overview. */
export async function signInNewPerson(
  page: Page,
  server: TestServer,
  accountId: string,
  role: 'admin' | 'viewer',
): Promise<Person> {
  const person = await invitePerson(server, accountId, role);
  await signInAs(page, server.url, person.email, person.password);
  await page.waitForURL(new RegExp(`/accounts/${accountId}$`));
  return person;
}

/** Opens one page of an account, e.g. `openAccountPage(page, server, id, '/topup')`. */
export async function openAccountPage(
  page: Page,
  server: TestServer,
  accountId: string,
  path = '',
): Promise<void> {
  await page.goto(`${server.url}/accounts/${accountId}${path}`);
}

const SHOWN_MONEY = /^(-?)¥?(\d{1,3}(?:,\d{3})*\.\d{2})$/;

/** Integer fen of an amount as the UI prints it: "¥12,345.67", "-¥1,500.25", "1,000.00". */
export function fenShown(text: string | null): number {
  const match = SHOWN_MONEY.exec((text ?? '').trim());
  if (!match?.[2]) throw new Error(`not an amount as the UI prints it: ${JSON.stringify(text)}`);
  const fen = amountToFen(match[2].replace(/,/g, ''));
  return match[1] === '-' ? -fen : fen;
}

/** The text of the element with `testId`, once it is visible. */
export async function shownText(page: Page, testId: string): Promise<string> {
  const locator = page.getByTestId(testId);
  await locator.waitFor();
  return (await locator.textContent())?.trim() ?? '';
}

export interface ConsoleWatch {
  /** Console errors and uncaught page errors seen so far. */
  readonly errors: readonly string[];
  /** Fails unless every error seen matches one of `expected`. */
  expectNone(expected?: readonly RegExp[]): void;
}

/**
 * Collects console errors (with the URL they concern, e.g. a refused request) and uncaught
 * exceptions of `page`. Tests end with `expectNone`, naming the errors they caused on purpose.
 */
export function watchConsole(page: Page): ConsoleWatch {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} @ ${message.location().url}`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return {
    errors,
    expectNone(expected = []) {
      const unexpected = errors.filter((error) => !expected.some((pattern) => pattern.test(error)));
      expect(unexpected).toEqual([]);
    },
  };
}

/** The server must not have logged errors (it logs refusals it handled as warnings). */
export function expectQuietServer(server: TestServer): void {
  const lines = server
    .stderr()
    .split('\n')
    .filter((line) => /error/i.test(line));
  expect(lines).toEqual([]);
}

/**
 * Ends a test file (call it in afterAll): the audit of everything the file did must be clean
 * and the server must have logged no error; the browsers and the server stop whatever
 * happened, failed tests included.
 */
export async function finishFile(
  server: TestServer | undefined,
  ...browsers: (BrowserContext | undefined)[]
): Promise<void> {
  try {
    if (server) {
      await expectCleanAudit(server);
      expectQuietServer(server);
    }
  } finally {
    await Promise.all(browsers.map((browser) => browser?.close()));
    await server?.stop();
  }
}

/** RFC 4180 CSV into rows of fields (quoted fields, doubled quotes, CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (quoted) {
      if (char === '"' && text.charAt(i + 1) === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text.charAt(i + 1) === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
