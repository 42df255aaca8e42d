/**
 * A typed client that keeps cookies like a browser does, for testing sign-in and sessions
 * without one.
 */
import { createWalletClient, type WalletClient } from '../../server/client.ts';

export interface CookieClient {
  readonly client: WalletClient;
  /** The cookies the server has set so far. */
  cookies(): ReadonlyMap<string, string>;
  /** Every Set-Cookie header seen, for checking attributes. */
  setCookieHeaders(): readonly string[];
  fetch: typeof fetch;
}

/** `headers` go with every request (a user agent, what a proxy would forward). */
export function cookieClient(url: string, extraHeaders: Record<string, string> = {}): CookieClient {
  const jar = new Map<string, string>();
  const seen: string[] = [];
  const cookieFetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    for (const [name, value] of Object.entries(extraHeaders)) headers.set(name, value);
    if (jar.size > 0) {
      headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    }
    const response = await fetch(input, { ...init, headers });
    for (const header of response.headers.getSetCookie()) {
      seen.push(header);
      const [pair = ''] = header.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (value === '' || /max-age=0/i.test(header)) jar.delete(name.trim());
      else jar.set(name.trim(), value.trim());
    }
    return response;
  }) as typeof fetch;
  return {
    client: createWalletClient({ url, fetch: cookieFetch }),
    cookies: () => jar,
    setCookieHeaders: () => seen,
    fetch: cookieFetch,
  };
}
