/**
 * People in the web UI: signing in with email and password (PBKDF2), sessions in HttpOnly
 * cookies, signing out, memberships deciding what a person may see and do, throttled
 * failures, and operators inviting people.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chargeInput, expectCleanAudit, fundCash, newFixture, uid } from '../helpers/factories.ts';
import { cookieClient } from '../helpers/browserless.ts';
import { firstSignIn } from '../helpers/people.ts';
import {
  OPERATOR_EMAIL,
  OPERATOR_PASSWORD,
  startServer,
  type TestServer,
} from '../helpers/server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
});
afterEach(async () => {
  await expectCleanAudit(server);
});

async function invite(accountId: string, role: 'admin' | 'viewer') {
  const email = `${uid('person')}@acme.test`;
  const invited = await server.operator.users.invite.mutate({ accountId, email, name: 'P', role });
  expect(invited.temporaryPassword).toMatch(/^[A-Za-z2-9]{18}$/);
  const { password } = await firstSignIn(server.url, email, invited.temporaryPassword ?? '');
  return { email, password };
}

describe('sign-in', () => {
  it('signs the first operator in with an HttpOnly, SameSite session cookie', async () => {
    const browser = cookieClient(server.url);
    expect(await browser.client.auth.me.query()).toBeNull();
    const user = await browser.client.auth.signIn.mutate({
      email: OPERATOR_EMAIL.toUpperCase(),
      password: OPERATOR_PASSWORD,
    });
    expect(user).toMatchObject({ email: OPERATOR_EMAIL, isOperator: true });
    const header = browser.setCookieHeaders()[0] ?? '';
    expect(header).toMatch(/^aw_session=[A-Za-z0-9_-]{43};/);
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Lax/);
    // Plain HTTP on localhost: Secure would stop the browser sending it back.
    expect(header).not.toMatch(/Secure/);
    await expect(browser.client.accounts.list.query({})).resolves.toBeDefined();
    await expect(browser.client.auth.me.query()).resolves.toMatchObject({ isOperator: true });
  });

  it('gives the same answer for a wrong email and a wrong password, and sets no cookie', async () => {
    const browser = cookieClient(server.url);
    for (const attempt of [
      { email: 'nobody@wallet.test', password: OPERATOR_PASSWORD },
      { email: OPERATOR_EMAIL, password: 'wrong-password' },
    ]) {
      await expect(browser.client.auth.signIn.mutate(attempt)).rejects.toMatchObject({
        message: 'email or password is wrong',
        data: { code: 'UNAUTHORIZED' },
      });
    }
    expect(browser.cookies().size).toBe(0);
  });

  it('ends the session on sign-out', async () => {
    const browser = cookieClient(server.url);
    await browser.client.auth.signIn.mutate({ email: OPERATOR_EMAIL, password: OPERATOR_PASSWORD });
    const token = browser.cookies().get('aw_session') ?? '';
    await browser.client.auth.signOut.mutate();
    expect(browser.cookies().has('aw_session')).toBe(false);
    // The old token no longer works, even if someone kept it.
    const stale = await fetch(`${server.url}/trpc/accounts.list?input=%7B%7D`, {
      headers: { cookie: `aw_session=${token}` },
    });
    expect(stale.status).toBe(401);
  });
});

describe('memberships', () => {
  it('lets an invited admin work on their account only, and a viewer only read', async () => {
    const mine = await newFixture(server);
    const other = await newFixture(server);
    await fundCash(server, mine.remittanceRef, '100.00');
    await mine.metering.charges.settle.mutate(chargeInput(mine.workspaceId, '1.00'));
    const admin = await invite(mine.accountId, 'admin');
    const viewer = await invite(mine.accountId, 'viewer');

    const adminBrowser = cookieClient(server.url);
    const me = await adminBrowser.client.auth.signIn.mutate(admin);
    expect(me.memberships).toEqual([
      { accountId: mine.accountId, accountName: expect.any(String), role: 'admin' },
    ]);
    await expect(
      adminBrowser.client.accounts.get.query({ accountId: mine.accountId }),
    ).resolves.toMatchObject({ cash: '99.00' });
    await expect(
      adminBrowser.client.cash.createTopUp.mutate({ accountId: mine.accountId, amount: '5.00' }),
    ).resolves.toMatchObject({ status: 'pending' });
    await expect(
      adminBrowser.client.accounts.get.query({ accountId: other.accountId }),
    ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    await expect(adminBrowser.client.accounts.list.query({})).rejects.toMatchObject({
      data: { code: 'FORBIDDEN' },
    });
    const charges = await adminBrowser.client.charges.list.query({});
    expect(charges.items).toHaveLength(1);

    const viewerBrowser = cookieClient(server.url);
    await viewerBrowser.client.auth.signIn.mutate(viewer);
    await expect(
      viewerBrowser.client.ledger.list.query({ accountId: mine.accountId }),
    ).resolves.toBeDefined();
    await expect(
      viewerBrowser.client.cash.createTopUp.mutate({ accountId: mine.accountId, amount: '5.00' }),
    ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    const csv = await viewerBrowser.fetch(
      `${server.url}/ledger/export.csv?accountId=${mine.accountId}`,
    );
    expect(csv.status).toBe(200);
  });

  it('lets only operators invite and list people; inviting again changes the role', async () => {
    const f = await newFixture(server);
    const admin = await invite(f.accountId, 'admin');
    const browser = cookieClient(server.url);
    await browser.client.auth.signIn.mutate(admin);
    await expect(
      browser.client.users.invite.mutate({
        accountId: f.accountId,
        email: 'x@acme.test',
        name: 'X',
        role: 'admin',
      }),
    ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    const again = await server.operator.users.invite.mutate({
      accountId: f.accountId,
      email: admin.email,
      name: 'P',
      role: 'viewer',
    });
    expect(again.temporaryPassword).toBeNull();
    const people = await server.operator.users.list.query({ accountId: f.accountId });
    expect(people).toEqual([expect.objectContaining({ email: admin.email, role: 'viewer' })]);
  });

  it('changes a password only with the current one', async () => {
    const f = await newFixture(server);
    const person = await invite(f.accountId, 'viewer');
    const browser = cookieClient(server.url);
    await browser.client.auth.signIn.mutate(person);
    await expect(
      browser.client.auth.changePassword.mutate({
        currentPassword: 'wrong',
        newPassword: 'a-new-password',
      }),
    ).rejects.toMatchObject({ data: { issues: [{ path: 'currentPassword' }] } });
    await browser.client.auth.changePassword.mutate({
      currentPassword: person.password,
      newPassword: 'a-new-password',
    });
    const fresh = cookieClient(server.url);
    await expect(
      fresh.client.auth.signIn.mutate({ email: person.email, password: 'a-new-password' }),
    ).resolves.toMatchObject({ email: person.email });
  });
});

describe('passwords and sessions', () => {
  it('makes an invited person replace the temporary password before anything else', async () => {
    const f = await newFixture(server);
    const email = `${uid('person')}@acme.test`;
    const invited = await server.operator.users.invite.mutate({
      accountId: f.accountId,
      email,
      name: 'P',
      role: 'admin',
    });
    const temporary = invited.temporaryPassword ?? '';
    const browser = cookieClient(server.url);
    await expect(
      browser.client.auth.signIn.mutate({ email, password: temporary }),
    ).resolves.toMatchObject({ mustChangePassword: true });
    await expect(
      browser.client.accounts.get.query({ accountId: f.accountId }),
    ).rejects.toMatchObject({ data: { domainCode: 'PASSWORD_CHANGE_REQUIRED' } });
    await browser.client.auth.changePassword.mutate({
      currentPassword: temporary,
      newPassword: 'chosen-password-1',
    });
    await expect(browser.client.auth.me.query()).resolves.toMatchObject({
      mustChangePassword: false,
    });
    await expect(
      browser.client.accounts.get.query({ accountId: f.accountId }),
    ).resolves.toMatchObject({ id: f.accountId });
    // An operator added the same way is held to the same rule.
    const operator = await server.operator.users.addOperator.mutate({
      email: `${uid('op')}@billing.test`,
      name: 'O',
    });
    const listed = await server.operator.users.list.query({});
    expect(listed.find((u) => u.userId === operator.userId)).toMatchObject({
      mustChangePassword: true,
    });
  });

  it('shows operators who must change a reset password, until they do', async () => {
    const f = await newFixture(server);
    const person = await invite(f.accountId, 'viewer');
    const listed = async () =>
      (await server.operator.users.list.query({ accountId: f.accountId }))[0];
    expect(await listed()).toMatchObject({ email: person.email, mustChangePassword: false });
    const browser = cookieClient(server.url);
    await expect(browser.client.auth.signIn.mutate(person)).resolves.toMatchObject({
      mustChangePassword: false,
    });
    const reset = await server.operator.users.resetPassword.mutate({
      userId: (await listed())!.userId,
    });
    expect(await listed()).toMatchObject({ mustChangePassword: true });
    const again = cookieClient(server.url);
    await expect(
      again.client.auth.signIn.mutate({ email: person.email, password: reset.temporaryPassword }),
    ).resolves.toMatchObject({ mustChangePassword: true });
    // Signing out everywhere is allowed meanwhile; listing sessions is not.
    await expect(again.client.auth.sessions.query()).rejects.toMatchObject({
      data: { domainCode: 'PASSWORD_CHANGE_REQUIRED' },
    });
    await again.client.auth.changePassword.mutate({
      currentPassword: reset.temporaryPassword,
      newPassword: 'chosen-password-1',
    });
    expect(await listed()).toMatchObject({ mustChangePassword: false });
    await expect(again.client.auth.signOutEverywhere.mutate()).resolves.toEqual({
      ok: true,
      endedSessions: 1,
    });
  });

  it('keeps the sign-in address and user agent of each session for its owner only', async () => {
    const f = await newFixture(server);
    const person = await invite(f.accountId, 'admin');
    const browser = cookieClient(server.url, { 'user-agent': `Agent ${'x'.repeat(400)}` });
    await browser.client.auth.signIn.mutate(person);
    const [session] = await browser.client.auth.sessions.query();
    expect(session).toMatchObject({ clientAddress: '127.0.0.1', current: true });
    // Cut to a size: the list is for recognising a device, not for storing what it sent.
    expect(session?.userAgent).toBe(`Agent ${'x'.repeat(250)}`);
    const operator = cookieClient(server.url);
    await operator.client.auth.signIn.mutate({
      email: OPERATOR_EMAIL,
      password: OPERATOR_PASSWORD,
    });
    const theirs = await operator.client.auth.sessions.query();
    expect(theirs.map((s) => s.sessionId)).not.toContain(session?.sessionId);
  });
});

describe('throttling', () => {
  it('throttles failed sign-ins, counting attempts made at once', async () => {
    // Its own server: the per-client limit would otherwise hold back the other tests.
    const own = await startServer();
    const email = `${uid('person')}@acme.test`;
    const f = await newFixture(own);
    const invited = await own.operator.users.invite.mutate({
      accountId: f.accountId,
      email,
      name: 'P',
      role: 'viewer',
    });
    const password = invited.temporaryPassword ?? '';
    const browser = cookieClient(own.url);
    const failures = await Promise.allSettled(
      Array.from({ length: 12 }, () =>
        browser.client.auth.signIn.mutate({ email, password: 'not-the-password' }),
      ),
    );
    const codes = failures.map((f) => (f.status === 'rejected' ? f.reason.data?.code : 'ok'));
    expect(codes.filter((c) => c === 'TOO_MANY_REQUESTS').length).toBeGreaterThanOrEqual(2);
    await expect(browser.client.auth.signIn.mutate({ email, password })).rejects.toMatchObject({
      data: { code: 'TOO_MANY_REQUESTS' },
    });
    await own.stop();
  });
});
