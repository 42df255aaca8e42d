/**
 * Abuse of the HTTP layer (issue 8: findings 2, 3, 7, 8 and 11) against a real server
 * process over real sockets. Each refusal changes nothing:
 *
 * - bodies: 100 MB streams to the unauthenticated routes are refused with 413 before they are
 *   read (the answer comes while the client is still writing; the server's peak memory stays
 *   put under four at once); authenticated calls get a larger limit that the largest valid
 *   settleBatch fits; JSON nests at most 32 deep; a batch holds at most 50 calls;
 * - text: NUL, unpaired surrogates and control characters are refused naming the field;
 * - media types: a mutation without a JSON body is 415, one over GET is 405;
 * - headers: CSP, frame-ancestors, X-Frame-Options, nosniff and Referrer-Policy on every
 *   answer, HSTS only over HTTPS;
 * - static files: a missing /assets/ file is 404, hashed files are immutable, index.html is
 *   revalidated, text is compressed when the client accepts it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  AUTHED_BODY_MAX_BYTES,
  MAX_BATCH_CALLS,
  MAX_JSON_DEPTH,
  PUBLIC_BODY_MAX_BYTES,
} from '../../common/limits.ts';
import { cookieClient } from '../helpers/browserless.ts';
import { chargeInput, expectCleanAudit, fundCash, newFixture, uid } from '../helpers/factories.ts';
import { peakMemoryBytes, rawGet, streamUpload } from '../helpers/rawHttp.ts';
import {
  OPERATOR_EMAIL,
  OPERATOR_PASSWORD,
  startServer,
  type TestServer,
} from '../helpers/server.ts';

const MB = 1024 * 1024;

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});
afterEach(async () => {
  await expectCleanAudit(server);
});

const JSON_TYPE = { 'content-type': 'application/json' };
const FORM_TYPE = { 'content-type': 'application/x-www-form-urlencoded' };

/** The routes anyone may call, with the body type each expects. */
const UNAUTHENTICATED: readonly (readonly [string, Record<string, string>])[] = [
  ['/trpc/auth.signIn', JSON_TYPE],
  ['/payments/alipay/notify', FORM_TYPE],
  ['/payments/sandbox/pay', FORM_TYPE],
];

function post(path: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, { method: 'POST', headers, body });
}

function bearer(apiKey: string): Record<string, string> {
  return { ...JSON_TYPE, authorization: `Bearer ${apiKey}` };
}

async function meteringKey(): Promise<string> {
  const key = await server.operator.admin.createApiKey.mutate({ role: 'metering', label: 'm' });
  return key.apiKey;
}

/** The tRPC error of a refused request. */
async function trpcError(response: Response) {
  const json = (await response.json()) as {
    error: { message: string; data: { code: string; httpStatus: number; domainCode: string } };
  };
  return json.error;
}

// First in the file, so that the peak memory it measures is not an earlier test's.
describe('memory under large bodies', () => {
  it('keeps its peak memory while four 100 MB notifies stream in at once', async () => {
    const pid = server.pid;
    if (pid === null) throw new Error('the server runs in its own process here');
    const before = peakMemoryBytes(pid);
    const uploads = [true, false, true, false].map((chunked) =>
      streamUpload(`${server.url}/payments/alipay/notify`, {
        totalBytes: 100 * MB,
        chunked,
        headers: FORM_TYPE,
      }),
    );
    const results = await Promise.all(uploads);
    expect(results.map((result) => result.status)).toEqual([413, 413, 413, 413]);
    // Reading them would have taken 400 MB and more (the issue measured 355 → 884 MB).
    expect(peakMemoryBytes(pid) - before).toBeLessThan(64 * MB);
  });
});

describe('body limits', () => {
  const cases = UNAUTHENTICATED.flatMap(([path, headers]) =>
    (['chunked', 'with Content-Length'] as const).map(
      (framing) => [path, framing, headers] as const,
    ),
  );

  it.each(cases)(
    'answers a 100 MB body to %s (%s) with 413 before reading it',
    async (path, framing, headers) => {
      const result = await streamUpload(`${server.url}${path}`, {
        totalBytes: 100 * MB,
        chunked: framing === 'chunked',
        headers,
      });
      expect(result.status).toBe(413);
      expect(result.body).toContain(`larger than ${PUBLIC_BODY_MAX_BYTES} bytes`);
      // The answer came while the client was still writing: socket buffers hold a few MB, a
      // server that read the body first answers after all 100.
      expect(result.sentBytesAtAnswer).toBeLessThan(16 * MB);
    },
  );

  it('gives a sign-in just over the small limit 413, and one within it its usual answer', async () => {
    const padding = 'x'.repeat(PUBLIC_BODY_MAX_BYTES);
    const over = await post(
      '/trpc/auth.signIn',
      JSON.stringify({ email: OPERATOR_EMAIL, password: OPERATOR_PASSWORD, padding }),
      JSON_TYPE,
    );
    expect(over.status).toBe(413);
    expect(await trpcError(over)).toMatchObject({
      message: `the request body is larger than ${PUBLIC_BODY_MAX_BYTES} bytes, the limit without a valid key or session`,
      data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413, domainCode: 'PAYLOAD_TOO_LARGE' },
    });
    const within = await post(
      '/trpc/auth.signIn',
      JSON.stringify({ email: OPERATOR_EMAIL, password: OPERATOR_PASSWORD }),
      JSON_TYPE,
    );
    expect(within.status).toBe(200);
  });

  it('refuses a charge with a 10 MB junk field with 413 and records nothing', async () => {
    const f = await newFixture(server);
    const key = await meteringKey();
    const input = { ...chargeInput(f.workspaceId, '1.00'), junk: 'x'.repeat(10 * MB) };
    const response = await post('/trpc/charges.settle', JSON.stringify(input), bearer(key));
    expect(response.status).toBe(413);
    expect((await trpcError(response)).message).toBe(
      `the request body is larger than ${AUTHED_BODY_MAX_BYTES} bytes, the limit of an authenticated call`,
    );
    const streamed = await streamUpload(`${server.url}/trpc/charges.settle`, {
      totalBytes: 10 * MB,
      chunked: true,
      headers: bearer(key),
    });
    expect(streamed.status).toBe(413);
    const charges = await f.admin.charges.list.query({ accountId: f.accountId });
    expect(charges.items).toEqual([]);
  });

  it('takes the largest valid settleBatch, every text escaped as \\uXXXX, under the limit', async () => {
    const key = await meteringKey();
    // 1,000 charges with every field at its maximum; the escapes make each description
    // 3,000 bytes (Python's json.dumps writes non-ASCII text this way by default).
    const charges = Array.from({ length: 1000 }, (_, i) => ({
      chargeId: `c${i}-`.padEnd(128, 'x'),
      workspaceId: 'w'.repeat(128),
      category: 'dial_testing',
      amount: '10000000000.00',
      periodStartMs: Number.MAX_SAFE_INTEGER,
      periodEndMs: Number.MAX_SAFE_INTEGER,
      description: '中'.repeat(500),
    }));
    const body = JSON.stringify({ charges }).replace(
      /[^\x00-\x7f]/g,
      (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
    expect(body.length).toBeGreaterThan(3 * MB);
    const response = await post('/trpc/charges.settleBatch', body, bearer(key));
    // It reaches the procedure: settled (each charge failing on its unknown workspace) or
    // refused by the schema's cap on charges per batch, but never too large to read.
    const answer = await response.text();
    expect(answer).not.toContain('PAYLOAD_TOO_LARGE');
    expect([200, 400]).toContain(response.status);
  });
});

describe('JSON depth', () => {
  const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

  it('refuses a 100,000-deep array inside a valid charge with 400, and settles nothing', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '10.00');
    const key = await meteringKey();
    const charge = JSON.stringify(chargeInput(f.workspaceId, '1.00'));
    const body = `${charge.slice(0, -1)},"junk":${nested(100_000)}}`;
    const response = await post('/trpc/charges.settle', body, bearer(key));
    expect(response.status).toBe(400);
    expect(await trpcError(response)).toMatchObject({
      message: `the input nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep`,
      data: { code: 'BAD_REQUEST', domainCode: 'INPUT_TOO_DEEP' },
    });
    const account = await f.admin.accounts.get.query({ accountId: f.accountId });
    expect(account.cash).toBe('10.00');
  });

  it(`takes input ${MAX_JSON_DEPTH} deep and refuses one level more`, async () => {
    const f = await newFixture(server);
    const key = await meteringKey();
    const withJunk = (depth: number) => {
      const charge = JSON.stringify(chargeInput(f.workspaceId, '0.01'));
      // The charge object is one level; the junk adds the rest.
      return `${charge.slice(0, -1)},"junk":${nested(depth - 1)}}`;
    };
    const deepest = await post('/trpc/charges.settle', withJunk(MAX_JSON_DEPTH), bearer(key));
    expect(deepest.status).toBe(200);
    const deeper = await post('/trpc/charges.settle', withJunk(MAX_JSON_DEPTH + 1), bearer(key));
    expect(deeper.status).toBe(400);
    const charges = await f.admin.charges.list.query({ accountId: f.accountId });
    expect(charges.items).toHaveLength(1);
  });

  it('refuses deep input in a query string too', async () => {
    const input = encodeURIComponent(`{"junk":${nested(1_000)}}`);
    const response = await fetch(`${server.url}/trpc/accounts.list?input=${input}`, {
      headers: { authorization: `Bearer ${server.operatorKey}` },
    });
    expect(response.status).toBe(400);
    expect((await trpcError(response)).data.domainCode).toBe('INPUT_TOO_DEEP');
  });
});

describe('batches', () => {
  const batchUrl = (calls: number, path = 'auth.me') =>
    `${server.url}/trpc/${Array.from({ length: calls }, () => path).join(',')}?batch=1&input={}`;

  it('refuses a batch of 2,000 calls with 400 naming the limit', async () => {
    const response = await fetch(batchUrl(2_000, 'x'));
    expect(response.status).toBe(400);
    expect(await trpcError(response)).toMatchObject({
      message: `a batch may hold at most ${MAX_BATCH_CALLS} calls; this one holds 2000`,
      data: { code: 'BAD_REQUEST', domainCode: 'BATCH_TOO_LARGE' },
    });
  });

  it(`answers ${MAX_BATCH_CALLS} calls and refuses one more`, async () => {
    const full = await fetch(batchUrl(MAX_BATCH_CALLS));
    expect(full.status).toBe(200);
    expect(await full.json()).toHaveLength(MAX_BATCH_CALLS);
    expect((await fetch(batchUrl(MAX_BATCH_CALLS + 1))).status).toBe(400);
    // Commas written as %2C are commas to tRPC, and count.
    const encoded = batchUrl(MAX_BATCH_CALLS + 1).replace(/,/g, '%2C');
    expect((await fetch(encoded)).status).toBe(400);
  });

  it('has the typed client split many calls of one tick into batches that fit', async () => {
    const calls = Array.from({ length: MAX_BATCH_CALLS * 2 + 20 }, () =>
      server.operator.auth.me.query(),
    );
    expect(await Promise.all(calls)).toHaveLength(MAX_BATCH_CALLS * 2 + 20);
  });
});

describe('text', () => {
  //  what                          text           reason given
  // prettier-ignore
  const BAD_TEXT: readonly (readonly [string, string, RegExp])[] = [
    ['NUL',                          'a\u0000b',    /control characters/], // libSQL kept "a"
    ['an unpaired high surrogate',   'a\ud800b',    /unpaired surrogates/], // read back U+FFFD
    ['an unpaired low surrogate',    'a\udc00',     /unpaired surrogates/],
    ['BEL',                          'a\u0007b',    /control characters/],
    ['ESC',                          'a\u001bb',    /control characters/], // terminal escapes
    ['DEL',                          'a\u007fb',    /control characters/],
    ['NEL (C1)',                     'a\u0085b',    /control characters/],
    ['CSI (C1)',                     'a\u009bb',    /control characters/],
    ['a line break',                 'a\nb',        /control characters/], // no field takes one
    ['a tab',                        'a\tb',        /control characters/],
  ];

  it.each(BAD_TEXT)(
    'refuses an account name with %s, naming the field',
    async (_what, text, reason) => {
      const marker = uid('name');
      const error = await server.operator.accounts.create
        .mutate({ name: `${marker}${text}` })
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({
        data: { code: 'BAD_REQUEST', httpStatus: 400, issues: [{ path: 'name' }] },
      });
      const issue = (error as { data: { issues: { message: string }[] } }).data.issues[0];
      expect(issue?.message).toMatch(reason);
      const found = await server.operator.accounts.list.query({ search: marker });
      expect(found.items).toEqual([]);
    },
  );

  it.each(BAD_TEXT)(
    'refuses a charge description with %s and settles nothing',
    async (_what, text, reason) => {
      const f = await newFixture(server);
      await fundCash(server, f.remittanceRef, '5.00');
      const input = chargeInput(f.workspaceId, '1.00', { description: `usage ${text}` });
      const error = await f.metering.charges.settle
        .mutate(input)
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({
        data: { code: 'BAD_REQUEST', httpStatus: 400, issues: [{ path: 'description' }] },
      });
      const issue = (error as { data: { issues: { message: string }[] } }).data.issues[0];
      expect(issue?.message).toMatch(reason);
      const charges = await f.admin.charges.list.query({ accountId: f.accountId });
      expect(charges.items).toEqual([]);
      const account = await f.admin.accounts.get.query({ accountId: f.accountId });
      expect(account.cash).toBe('5.00');
    },
  );

  it('stores any well-formed text exactly, and a replay matches it', async () => {
    const text = '账户 💰 Ünïcödé e\u0301 \u200d\u2028 "quoted" \\ end';
    const account = await server.operator.accounts.create.mutate({ name: text });
    expect((await server.operator.accounts.get.query({ accountId: account.id })).name).toBe(text);
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '5.00');
    const input = chargeInput(f.workspaceId, '1.00', { description: text });
    const settled = await f.metering.charges.settle.mutate(input);
    const replay = await f.metering.charges.settle.mutate(input);
    expect(replay.replayed).toBe(true);
    const stored = await f.admin.charges.get.query({ chargeId: settled.chargeId });
    expect(stored.description).toBe(text);
  });

  it('refuses a body that is not valid UTF-8 rather than store U+FFFD', async () => {
    const marker = uid('utf8');
    const body = Buffer.concat([
      Buffer.from(`{"name":"${marker}`),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}'),
    ]);
    const response = await fetch(`${server.url}/trpc/accounts.create`, {
      method: 'POST',
      headers: bearer(server.operatorKey),
      body,
    });
    expect(response.status).toBe(400);
    expect((await trpcError(response)).data.domainCode).toBe('INVALID_ENCODING');
    const found = await server.operator.accounts.list.query({ search: marker });
    expect(found.items).toEqual([]);
  });
});

describe('media types', () => {
  async function signedIn() {
    const browser = cookieClient(server.url);
    await browser.client.auth.signIn.mutate({ email: OPERATOR_EMAIL, password: OPERATOR_PASSWORD });
    return browser;
  }

  const NOT_JSON: readonly (readonly [string, () => FormData | string, Record<string, string>])[] =
    [
      ['multipart/form-data', () => new FormData(), {}],
      ['urlencoded', () => 'a=1', FORM_TYPE],
      ['text/plain', () => '{}', { 'content-type': 'text/plain' }],
      ['no content type', () => '', {}],
    ];

  it.each(NOT_JSON)(
    'refuses auth.signOut as %s with 415; the session lives on',
    async (_kind, body, headers) => {
      const browser = await signedIn();
      const response = await browser.fetch(`${server.url}/trpc/auth.signOut`, {
        method: 'POST',
        headers,
        body: body(),
      });
      expect(response.status).toBe(415);
      expect(await trpcError(response)).toMatchObject({
        data: { code: 'UNSUPPORTED_MEDIA_TYPE', domainCode: 'UNSUPPORTED_MEDIA_TYPE' },
      });
      expect((await browser.client.auth.me.query())?.email).toBe(OPERATOR_EMAIL);
    },
  );

  it('refuses admin.runExpiry as a multipart post with the operator key', async () => {
    const response = await fetch(`${server.url}/trpc/admin.runExpiry`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.operatorKey}` },
      body: new FormData(),
    });
    expect(response.status).toBe(415);
    expect(await response.text()).not.toContain('instruments');
  });

  it('refuses mutations over GET with 405; the session lives on', async () => {
    const browser = await signedIn();
    const signOut = await browser.fetch(`${server.url}/trpc/auth.signOut`);
    expect(signOut.status).toBe(405);
    expect((await browser.client.auth.me.query())?.email).toBe(OPERATOR_EMAIL);
    const expiry = await fetch(`${server.url}/trpc/admin.runExpiry`, {
      headers: { authorization: `Bearer ${server.operatorKey}` },
    });
    expect(expiry.status).toBe(405);
  });

  it('still signs out with a JSON post', async () => {
    const browser = await signedIn();
    await browser.client.auth.signOut.mutate();
    expect(await browser.client.auth.me.query()).toBeNull();
  });
});

/** The hashed script index.html loads, e.g. /assets/index-4ZCdmQwa.js. */
function builtScript(): string {
  const html = readFileSync(join(process.cwd(), 'dist', 'client', 'index.html'), 'utf8');
  const match = /src="(\/assets\/[^"]+\.js)"/.exec(html);
  if (!match?.[1]) throw new Error('index.html loads no script');
  return match[1];
}

describe('security headers', () => {
  const PATHS = [
    '/',
    '/index.html',
    '/accounts/acc_1/charges',
    '/assets/missing.js',
    '/trpc/auth.me',
    '/healthz',
    '/ledger/export.csv',
    '/payments/sandbox/checkout?orderId=none',
  ];

  it.each([...PATHS, 'the built script'])('sends them on %s', async (path) => {
    const url = `${server.url}${path === 'the built script' ? builtScript() : path}`;
    const { headers } = await rawGet(url);
    const csp = String(headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    // Plain HTTP: no HSTS (browsers would ignore it, and it belongs to HTTPS only).
    expect(headers['strict-transport-security']).toBeUndefined();
  });

  it('adds HSTS when the public URL is HTTPS', async () => {
    const tls = await startServer({ env: { WALLET_PUBLIC_URL: 'https://wallet.example' } });
    try {
      for (const path of ['/', '/healthz', '/trpc/auth.me']) {
        const { headers } = await rawGet(`${tls.url}${path}`);
        expect(headers['strict-transport-security']).toBe('max-age=31536000');
      }
    } finally {
      await tls.stop();
    }
  });

  it('keeps the sandbox checkout page free of inline styles and scripts', async () => {
    const page = await rawGet(`${server.url}/payments/sandbox/checkout?orderId=none`);
    const html = page.bytes.toString();
    expect(html).not.toMatch(/<style|<script|style=/i);
    expect(html).toContain('href="/payments/sandbox/sandbox.css"');
    const css = await rawGet(`${server.url}/payments/sandbox/sandbox.css`);
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
  });
});

describe('static files', () => {
  it.each(['/assets/x.js', '/assets/deep/missing.css', '/assets/'])(
    'answers %s with 404, not the page',
    async (path) => {
      const response = await rawGet(`${server.url}${path}`);
      expect(response.status).toBe(404);
      expect(String(response.headers['content-type'])).not.toContain('text/html');
    },
  );

  it('caches hashed files for good and revalidates the page', async () => {
    const script = await rawGet(`${server.url}${builtScript()}`);
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/index.html', '/accounts/acc_1/statement', '/signin']) {
      const page = await rawGet(`${server.url}${path}`);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['cache-control']).toBe('no-cache');
    }
  });

  it('does not serve the edge metadata files', async () => {
    for (const path of ['/_headers', '/.assetsignore']) {
      const response = await rawGet(`${server.url}${path}`);
      expect(response.bytes.toString()).not.toContain('Cache-Control');
      expect(response.bytes.toString()).not.toContain('*.br');
    }
  });

  it('sends Brotli, gzip or plain bytes of a script as the browser accepts', async () => {
    const path = `${server.url}${builtScript()}`;
    const plain = await rawGet(path);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await rawGet(path, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toContain('Accept-Encoding');
    expect(brotliDecompressSync(br.bytes)).toEqual(plain.bytes);
    expect(br.bytes.length).toBeLessThan(plain.bytes.length / 2);
    const gzip = await rawGet(path, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.bytes)).toEqual(plain.bytes);
  });

  it('gzips API answers and the streamed CSV export', async () => {
    const f = await newFixture(server);
    await fundCash(server, f.remittanceRef, '50.00');
    for (let i = 0; i < 20; i++) {
      await f.metering.charges.settle.mutate(chargeInput(f.workspaceId, '0.10'));
    }
    const auth = { authorization: `Bearer ${server.operatorKey}` };
    const input = encodeURIComponent(JSON.stringify({ accountId: f.accountId }));
    const api = await rawGet(`${server.url}/trpc/ledger.list?input=${input}`, {
      ...auth,
      'accept-encoding': 'gzip',
    });
    expect(api.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(api.bytes).toString()).result.data.items).toHaveLength(21);
    // A small answer (most of the hot path's) goes as it is: gzip would cost more than it saves.
    const small = await rawGet(`${server.url}/trpc/auth.me`, {
      ...auth,
      'accept-encoding': 'gzip',
    });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(Number(small.headers['content-length'])).toBeLessThan(1024);

    const csvUrl = `${server.url}/ledger/export.csv?accountId=${f.accountId}`;
    const plain = await rawGet(csvUrl, auth);
    const gzip = await rawGet(csvUrl, { ...auth, 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(gunzipSync(gzip.bytes).toString()).toBe(plain.bytes.toString());
    expect(plain.bytes.toString().trim().split('\n')).toHaveLength(22);
  });
});
