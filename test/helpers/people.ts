/**
 * A person's first sign-in, done without a browser: an invited person must replace the
 * temporary password before anything else (`mustChangePassword`), so tests that only need a
 * working member do that step here and carry on with the password the person chose.
 */
import { cookieClient, type CookieClient } from './browserless.ts';
import { uid } from './factories.ts';

/** Signs in with the temporary password and replaces it; the client stays signed in. */
export async function firstSignIn(
  url: string,
  email: string,
  temporaryPassword: string,
  headers: Record<string, string> = {},
): Promise<{ browser: CookieClient; password: string }> {
  const browser = cookieClient(url, headers);
  await browser.client.auth.signIn.mutate({ email, password: temporaryPassword });
  const password = `chosen-${uid('pw')}`;
  await browser.client.auth.changePassword.mutate({
    currentPassword: temporaryPassword,
    newPassword: password,
  });
  return { browser, password };
}
