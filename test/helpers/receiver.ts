/**
 * A real webhook receiver: node:http on an ephemeral loopback port. Every request is kept with
 * its headers and raw body, and checked with `standardwebhooks`' `Webhook.verify` against the
 * secrets the test gives it (the endpoint's, as `webhooks.create` returned them). `respond`
 * decides each answer, so a test can make the receiver fail.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';

export interface Received {
  readonly id: string;
  readonly timestamp: string;
  readonly signature: string;
  readonly body: string;
  readonly headers: IncomingHttpHeaders;
  /** Verified with one of the secrets known when it arrived. */
  readonly verified: boolean;
  /** What the receiver answered. */
  readonly status: number;
}

export interface Receiver {
  readonly url: string;
  readonly received: Received[];
  /** Secrets to verify with (any one verifying is enough). */
  secrets: string[];
  /** The status to answer a request with (0: hold it unanswered); 204 by default. */
  respond: (request: { id: string; count: number }) => number;
  /** Verified deliveries answered 2xx, one per webhook-id (duplicates dropped, as a receiver would). */
  accepted(): Map<string, unknown>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const receiver: Receiver = {
    url: '',
    received,
    secrets: [],
    respond: () => 204,
    accepted() {
      const byId = new Map<string, unknown>();
      for (const r of received) {
        if (r.verified && r.status >= 200 && r.status < 300 && !byId.has(r.id))
          byId.set(r.id, JSON.parse(r.body));
      }
      return byId;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const header = (name: string) => String(request.headers[name] ?? '');
      const id = header('webhook-id');
      const verified = receiver.secrets.some((secret) => verifies(secret, body, request.headers));
      const count = received.filter((r) => r.id === id).length + 1;
      const status = receiver.respond({ id, count });
      received.push({
        id,
        timestamp: header('webhook-timestamp'),
        signature: header('webhook-signature'),
        body,
        headers: request.headers,
        verified,
        status,
      });
      // 0: never answer (the sender times out or dies waiting).
      if (status !== 0) response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return Object.assign(receiver, { url: `http://127.0.0.1:${port}/hooks` });
}

export function verifies(secret: string, body: string, headers: IncomingHttpHeaders): boolean {
  try {
    new Webhook(secret).verify(body, {
      'webhook-id': String(headers['webhook-id'] ?? ''),
      'webhook-timestamp': String(headers['webhook-timestamp'] ?? ''),
      'webhook-signature': String(headers['webhook-signature'] ?? ''),
    });
    return true;
  } catch {
    return false;
  }
}

/** Polls until `check` holds (or fails with its last error after `withinMs`). */
export async function eventually<T>(check: () => T | Promise<T>, withinMs = 30_000): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
