/**
 * The HTTP layer at the edge: the bundled Worker in Miniflare behind Cloudflare's static
 * assets, configured from wrangler.toml as a deploy would be. Static files carry the same
 * security headers as the API (from the `_headers` file the client build writes), hashed
 * files are immutable and the page is revalidated, a missing /assets/ file is 404 — not
 * index.html, which Cloudflare's single-page-application handling would answer — and the
 * limits hold in the Worker and its writer object.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_BODY_MAX_BYTES } from '../../common/limits.ts';
import { bundleWorker, startWorker, type TestWorker } from '../helpers/worker.ts';

let worker: TestWorker;

beforeAll(async () => {
  worker = await startWorker(bundleWorker(), {}, { assets: true });
}, 120_000);
afterAll(async () => {
  await worker?.stop();
});

/** The hashed script index.html loads, e.g. /assets/index-4ZCdmQwa.js. */
function builtScript(): string {
  const html = readFileSync(join(process.cwd(), 'dist', 'client', 'index.html'), 'utf8');
  const match = /src="(\/assets\/[^"]+\.js)"/.exec(html);
  if (!match?.[1]) throw new Error('index.html loads no script');
  return match[1];
}

function expectSecurityHeaders(headers: Headers): void {
  const csp = headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("style-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
}

/** A GET as a browser sends it for a page (`navigate`) or for a script (`no-cors`). */
function get(path: string, mode?: 'navigate' | 'no-cors'): Promise<Response> {
  return worker.fetch(path, { headers: mode ? { 'sec-fetch-mode': mode } : {} });
}

describe('static files at the edge', () => {
  it.each([
    ['/', 'navigate'],
    ['/', undefined],
    ['/accounts/acc_1/charges', 'navigate'],
    ['/accounts/acc_1/charges', undefined],
    ['/signin', 'navigate'],
  ] as const)('serves the page at %s (%s) revalidated, with the headers', async (path, mode) => {
    const response = await get(path, mode);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('<div id="root">');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expectSecurityHeaders(response.headers);
  });

  it('serves hashed files immutable, with the headers', async () => {
    const response = await get(builtScript(), 'no-cors');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expectSecurityHeaders(response.headers);
    await response.arrayBuffer();
  });

  it.each([
    ['/assets/missing.js', 'no-cors'],
    ['/assets/missing.js', 'navigate'],
    ['/assets/missing.js', undefined],
    ['/assets/deep/missing.css', 'no-cors'],
  ] as const)('answers %s (%s) with 404, not the page', async (path, mode) => {
    const response = await get(path, mode);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).not.toMatch(/html/);
    expect(await response.text()).not.toContain('<div id="root">');
    expectSecurityHeaders(response.headers);
  });

  it('keeps the edge metadata and the precompressed copies private', async () => {
    for (const path of ['/_headers', '/.assetsignore']) {
      const response = await get(path, 'navigate');
      expect(await response.text()).toContain('<div id="root">');
    }
    // The Brotli and gzip copies are for Node; .assetsignore keeps them out of the upload.
    for (const suffix of ['.br', '.gz']) {
      const response = await get(`${builtScript()}${suffix}`, 'no-cors');
      expect(response.status).toBe(404);
      await response.arrayBuffer();
    }
  });
});

describe('the API at the edge', () => {
  it.each(['/healthz', '/trpc/auth.me', '/ledger/export.csv'])(
    'sends the security headers on %s, HSTS only over HTTPS',
    async (path) => {
      const plain = await worker.fetch(path);
      expectSecurityHeaders(plain.headers);
      expect(plain.headers.get('strict-transport-security')).toBeNull();
      await plain.arrayBuffer();
      const tls = await worker.mf.dispatchFetch(`https://wallet.test${path}`);
      expect(tls.headers.get('strict-transport-security')).toBe('max-age=31536000');
      await tls.arrayBuffer();
    },
  );

  it('refuses a multipart sign-out with 415 and a large anonymous body with 413', async () => {
    const multipart = await worker.fetch('/trpc/auth.signOut', {
      method: 'POST',
      body: new FormData(),
    });
    expect(multipart.status).toBe(415);
    await multipart.arrayBuffer();
    const large = await worker.fetch('/trpc/auth.signIn', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(PUBLIC_BODY_MAX_BYTES + 1),
    });
    expect(large.status).toBe(413);
    expect(await large.text()).toContain('PAYLOAD_TOO_LARGE');
  });

  it('refuses deep input with 400', async () => {
    const deep = '['.repeat(100) + ']'.repeat(100);
    const response = await worker.fetch(
      `/trpc/accounts.list?input=${encodeURIComponent(`{"junk":${deep}}`)}`,
      { headers: { authorization: `Bearer ${worker.operatorKey}` } },
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('INPUT_TOO_DEEP');
  });
});
