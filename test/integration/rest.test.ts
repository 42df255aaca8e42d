/**
 * The REST API against a real server on an ephemeral port: its OpenAPI document validates,
 * a client driven by that document (openapi-fetch) settles, replays and previews charges,
 * and plain fetch shows the raw HTTP — statuses, headers and problem details.
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chargeInput, fundCash, newFixture, uid, type Fixture } from '../helpers/factories.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let fixture: Fixture;
let meteringKey: string;

beforeAll(async () => {
  server = await startServer();
  fixture = await newFixture(server);
  meteringKey = (
    await server.operator.admin.createApiKey.mutate({ role: 'metering', label: 'rest' })
  ).apiKey;
  await fundCash(server, fixture.remittanceRef, '100.00');
});
afterAll(() => server.stop());

async function openApiDocument(): Promise<Record<string, unknown>> {
  const response = await fetch(`${server.url}/openapi.json`);
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document describing every v1 route', async () => {
    const document = await openApiDocument();
    expect(document.openapi).toBe('3.1.0');
    // validate() dereferences in place: give it a copy.
    await SwaggerParser.validate(structuredClone(document) as never);
    const paths = Object.keys(document.paths as object).sort();
    expect(paths).toEqual([
      '/v1/accounts/{accountId}',
      '/v1/accounts/{accountId}/codes/activate',
      '/v1/accounts/{accountId}/ledger',
      '/v1/charges',
      '/v1/charges/batch',
      '/v1/charges/preview',
      '/v1/charges/{chargeId}',
    ]);
  });

  it('takes its request bodies from the valibot schemas (limits included)', async () => {
    const document = (await openApiDocument()) as {
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: {
              content: Record<
                string,
                { schema: { properties: Record<string, { maxLength?: number }> } }
              >;
            };
          }
        >
      >;
    };
    const settle = document.paths['/v1/charges']?.post?.requestBody?.content['application/json'];
    expect(settle?.schema.properties.chargeId?.maxLength).toBe(128);
  });

  it('is served with a reference page that loads only files of this origin', async () => {
    const response = await fetch(`${server.url}/docs/api`);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('/docs/api/assets/swagger-ui-bundle.js');
    expect(page).not.toMatch(/https?:\/\//);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    for (const file of ['/docs/api/assets/swagger-ui-bundle.js', '/docs/api/init.js']) {
      expect((await fetch(`${server.url}${file}`)).status, file).toBe(200);
    }
  });
});

describe('a client driven by the document (openapi-fetch)', () => {
  // Untyped: openapi-typescript 7 declares TypeScript ^5 as its peer, and this repo runs 7.
  const api = () =>
    createClient<any>({ baseUrl: server.url, headers: { authorization: `Bearer ${meteringKey}` } });

  it('settles a charge (201), then replays it (200, replayed, nothing moved)', async () => {
    const charge = chargeInput(fixture.workspaceId, '12.34');
    const first = await api().POST('/v1/charges', { body: charge });
    expect(first.response.status).toBe(201);
    expect(first.data).toMatchObject({
      chargeId: charge.chargeId,
      amount: '12.34',
      paid: '12.34',
      replayed: false,
    });
    const again = await api().POST('/v1/charges', { body: charge });
    expect(again.response.status).toBe(200);
    expect(again.data).toMatchObject({ chargeId: charge.chargeId, replayed: true });
    const account = await fixture.admin.accounts.get.query({ accountId: fixture.accountId });
    expect(account.cash).toBe('87.66');
    const stored = await api().GET('/v1/charges/{chargeId}', {
      params: { path: { chargeId: charge.chargeId } },
    });
    expect(stored.response.status).toBe(200);
    expect(stored.data).toMatchObject({ chargeId: charge.chargeId, amount: '12.34' });
  });

  it('previews a charge without writing', async () => {
    const preview = await api().POST('/v1/charges/preview', {
      body: { workspaceId: fixture.workspaceId, category: 'general', amount: '1.00' },
    });
    expect(preview.response.status).toBe(200);
    expect(preview.data).toMatchObject({ amount: '1.00', paid: '1.00', remainder: '0.00' });
    const again = await api().POST('/v1/charges/preview', {
      body: { workspaceId: fixture.workspaceId, category: 'general', amount: '1.00' },
    });
    expect(again.data).toEqual(preview.data);
  });

  it('settles a batch, each charge answering for itself', async () => {
    const good = chargeInput(fixture.workspaceId, '0.50');
    const foreign = chargeInput(uid('ws-nowhere'), '0.50');
    const batch = await api().POST('/v1/charges/batch', { body: { charges: [good, foreign] } });
    expect(batch.response.status).toBe(200);
    const results = (batch.data as { results: { ok: boolean; error: { code: string } | null }[] })
      .results;
    expect(results.map((item) => item.ok)).toEqual([true, false]);
    expect(results[1]?.error?.code).toBe('WORKSPACE_NOT_FOUND');
  });

  it('pages the ledger by keyset', async () => {
    const ledger = (cursor?: number) =>
      createClient<any>({
        baseUrl: server.url,
        headers: { authorization: `Bearer ${fixture.adminKey}` },
      }).GET('/v1/accounts/{accountId}/ledger', {
        params: {
          path: { accountId: fixture.accountId },
          query: { limit: 1, ...(cursor ? { cursor } : {}) },
        },
      });
    const first = await ledger();
    const page = first.data as { items: { entryId: number }[]; nextCursor: number | null };
    expect(page.items).toHaveLength(1);
    expect(page.nextCursor).not.toBeNull();
    const second = (await ledger(page.nextCursor ?? undefined)).data as typeof page;
    expect(second.items[0]?.entryId).toBeLessThan(page.items[0]?.entryId ?? 0);
  });
});

describe('code activation over REST', () => {
  const activate = (accountId: string, key: string, code: string) =>
    fetch(`${server.url}/v1/accounts/${accountId}/codes/activate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });

  it('activates a code (201), and the same code again into the same account (200, replayed)', async () => {
    const batch = await server.operator.vouchers.createCodeBatch.mutate({
      requestId: uid('batch'),
      amount: '20.00',
      quantity: 1,
      codeDeadlineMs: Date.now() + 30 * 86_400_000,
      validity: { kind: 'days', days: 30 },
    });
    const code = batch.codes?.[0] ?? '';
    const first = await activate(fixture.accountId, fixture.adminKey, code);
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ balance: '20.00', replayed: false });
    const again = await activate(fixture.accountId, fixture.adminKey, code);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ balance: '20.00', replayed: true });
  });

  it('counts failed attempts on both surfaces against the same throttle', async () => {
    const f = await newFixture(server);
    const outcomes: string[] = [];
    for (let i = 0; i < 3; i++) {
      const failed = await f.admin.vouchers.activate
        .mutate({ accountId: f.accountId, code: 'not-a-code' })
        .catch((error: { data: { domainCode: string } }) => error.data.domainCode);
      outcomes.push(String(failed));
    }
    for (let i = 0; i < 3; i++) {
      const response = await activate(f.accountId, f.adminKey, 'not-a-code');
      outcomes.push(((await response.json()) as { code: string }).code);
    }
    // Five failures per account and address in the window (WALLET_ACTIVATION_ATTEMPTS).
    expect(outcomes).toEqual([...Array(5).fill('CODE_MISTYPED'), 'THROTTLED']);
  });
});

describe('the raw HTTP', () => {
  it('answers a settlement 201 with JSON', async () => {
    const response = await fetch(`${server.url}/v1/charges`, {
      method: 'POST',
      headers: { authorization: `Bearer ${meteringKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(chargeInput(fixture.workspaceId, '0.01')),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers a bad input 400 with problem details naming each field and its code', async () => {
    const response = await fetch(`${server.url}/v1/charges`, {
      method: 'POST',
      headers: { authorization: `Bearer ${meteringKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...chargeInput(fixture.workspaceId, '1.234'), chargeId: '' }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = await response.json();
    expect(problem).toMatchObject({
      type: 'urn:account-wallet:problem:VALIDATION',
      title: 'Validation',
      status: 400,
      code: 'VALIDATION',
    });
    const fields = (problem.errors as { path: string; code: string }[]).map((issue) => [
      issue.path,
      issue.code,
    ]);
    expect(fields).toEqual(
      expect.arrayContaining([
        ['chargeId', 'REQUIRED'],
        ['amount', 'AMOUNT_TOO_MANY_DECIMALS'],
      ]),
    );
  });

  it('answers without a key 401 SIGN_IN_REQUIRED, and an unknown route 404', async () => {
    const anonymous = await fetch(`${server.url}/v1/accounts/${fixture.accountId}`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: 'SIGN_IN_REQUIRED', status: 401 });
    const missing = await fetch(`${server.url}/v1/nothing`, {
      headers: { authorization: `Bearer ${meteringKey}` },
    });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
  });

  it('refuses a body that is not JSON (415) or not well formed (400) as problem details', async () => {
    const headers = { authorization: `Bearer ${meteringKey}` };
    const form = await fetch(`${server.url}/v1/charges`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'chargeId=x',
    });
    expect(form.status).toBe(415);
    expect(await form.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    const broken = await fetch(`${server.url}/v1/charges`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: '{"chargeId":',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ code: 'MALFORMED_REQUEST' });
  });

  it('holds REST bodies to the limits of /trpc (413 past the authenticated limit)', async () => {
    const response = await fetch(`${server.url}/v1/charges/batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${meteringKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ charges: [], padding: 'x'.repeat(4 * 1024 * 1024 + 1) }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });
});
