/**
 * The Worker's libSQL-over-HTTP path. With LIBSQL_URL set the Worker must talk to that
 * server (Hrana over HTTP, with the token) instead of D1. Here a stand-in server records
 * what arrives; to run the whole Worker suite against a real libSQL server instead, see
 * docs/OPERATIONS.md ("Testing against a real libSQL server").
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleWorker, startWorker, type TestWorker } from '../helpers/worker.ts';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
  readonly body: string;
}

const seen: Seen[] = [];
const server = createServer((request: IncomingMessage, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString()));
  request.on('end', () => {
    seen.push({
      method: request.method ?? '',
      url: request.url ?? '',
      authorization: request.headers.authorization,
      body,
    });
    response.writeHead(503).end('stand-in');
  });
});
let worker: TestWorker;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  worker = await startWorker(bundleWorker(), {
    LIBSQL_URL: `http://127.0.0.1:${port}`,
    LIBSQL_AUTH_TOKEN: 'token-from-secret',
    // No operator bootstrap: it would need the database before the first request.
    WALLET_OPERATOR_KEY: '',
    WALLET_TEST_SKIP_MIGRATIONS: '1',
  });
}, 120_000);
afterAll(async () => {
  await worker?.stop();
  server.close();
});

describe('LIBSQL_URL', () => {
  it("sends the Worker's queries to the libSQL server with the token, not to D1", async () => {
    const apiKey = `aw_${'a'.repeat(20)}_${'b'.repeat(43)}`;
    await expect(worker.client(apiKey).accounts.list.query({})).rejects.toBeDefined();
    const pipeline = seen.find((request) => /\/v[23]\/pipeline$/.test(request.url));
    expect(pipeline).toMatchObject({ method: 'POST', authorization: 'Bearer token-from-secret' });
    // The schema check is the first statement the Worker runs (server/edge/isolate.ts).
    expect(pipeline?.body).toMatch(/__drizzle_migrations/);
  });
});
