/**
 * The REST API at the edge: the bundled Worker in Miniflare behind the static assets, as
 * wrangler.toml configures them. /openapi.json and the reference page are the Worker's (not
 * swallowed by the assets), Swagger UI's files are static assets, and a REST settlement is
 * committed by the writer object like a tRPC mutation while reads stay in the Worker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uid } from '../helpers/factories.ts';
import { bundleWorker, startWorker, type TestWorker } from '../helpers/worker.ts';

let worker: TestWorker;

beforeAll(async () => {
  worker = await startWorker(bundleWorker(), {}, { assets: true, instrument: true });
}, 120_000);
afterAll(async () => {
  await worker?.stop();
});

describe('REST at the edge', () => {
  it('serves the OpenAPI document and the reference page', async () => {
    const document = await worker.fetch('/openapi.json');
    expect(document.status).toBe(200);
    const json = (await document.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(json.openapi).toBe('3.1.0');
    expect(Object.keys(json.paths)).toContain('/v1/charges');
    const page = await worker.fetch('/docs/api');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/docs/api/assets/swagger-ui-bundle.js');
    const bundle = await worker.fetch('/docs/api/assets/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toMatch(/javascript/);
  });

  it('settles through the writer object (201, then 200 replayed); reads stay in the Worker', async () => {
    const account = await worker.operator.accounts.create.mutate({ name: uid('Edge') });
    const workspace = await worker.operator.workspaces.create.mutate({
      accountId: account.id,
      workspaceId: uid('ws'),
      name: 'main',
    });
    const metering = await worker.operator.admin.createApiKey.mutate({
      role: 'metering',
      label: 'm',
    });
    const before = await worker.writerCalls();
    const charge = {
      chargeId: uid('chg'),
      workspaceId: workspace.workspaceId,
      category: 'general',
      amount: '3.21',
      periodStartMs: Date.UTC(2026, 10, 1),
      periodEndMs: Date.UTC(2026, 11, 1),
      description: 'usage',
    };
    const settle = () =>
      worker.fetch('/v1/charges', {
        method: 'POST',
        headers: { authorization: `Bearer ${metering.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(charge),
      });
    const first = await settle();
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({
      chargeId: charge.chargeId,
      overdue: '3.21',
      replayed: false,
    });
    const again = await settle();
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ replayed: true });
    const stored = await worker.fetch(`/v1/charges/${charge.chargeId}`, {
      headers: { authorization: `Bearer ${metering.apiKey}` },
    });
    expect(stored.status).toBe(200);
    expect((await worker.writerCalls()).slice(before.length)).toEqual([
      'POST /v1/charges',
      'POST /v1/charges',
    ]);
  });

  it('answers problem details at the edge too', async () => {
    const response = await worker.fetch('/v1/charges/x');
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ code: 'SIGN_IN_REQUIRED' });
  });
});
