/**
 * Webhook delivery figures (docs/BENCHMARKS.md): settle N charges with `settleBatch` on an
 * account whose endpoint takes charge events, with the delivery loop running, and measure
 *  - settle throughput with the loop on (events delivered meanwhile) and off;
 *  - events per second the loop delivers to a local receiver (node:http, verifying each POST
 *    with standardwebhooks), counted until every charge event has arrived.
 *
 * `node --import tsx bench/webhooks.ts [charges=20000]`
 */
import { createServer } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { migrateDatabase, openDatabase } from '../db/client.ts';
import { createWalletClient } from '../server/client.ts';
import { newOperatorKey, startServer } from './server.ts';

const CHARGES = Number(process.argv[2] ?? 20_000);
const BATCH = 500;

async function run(loopOn: boolean): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'wallet-hooks-'));
  const dbPath = join(dir, 'bench.db');
  const database = await openDatabase(`file:${dbPath}`);
  await migrateDatabase(database);
  database.close();
  const operatorKey = newOperatorKey();
  const server = await startServer(dbPath, operatorKey, {
    env: {
      // A receiver on loopback over plain http is allowed only outside production.
      NODE_ENV: 'development',
      WALLET_WEBHOOK_INTERVAL_MS: loopOn ? '100' : '0',
      WALLET_EXPIRY_INTERVAL_SECONDS: '0',
    },
  });
  let received = 0;
  let verified = true;
  let secret = '';
  let lastAtMs = 0;
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      try {
        const batch = new Webhook(secret).verify(body, req.headers as Record<string, string>) as {
          events?: unknown[];
        };
        received += batch.events?.length ?? 0;
        lastAtMs = Date.now();
      } catch {
        verified = false;
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const port = (receiver.address() as { port: number }).port;
  try {
    const operator = createWalletClient({ url: server.url, apiKey: operatorKey });
    const account = await operator.accounts.create.mutate({ name: 'bench' });
    const workspace = await operator.workspaces.create.mutate({
      accountId: account.id,
      workspaceId: 'ws-bench',
      name: 'main',
    });
    const created = await operator.webhooks.create.mutate({
      accountId: account.id,
      url: `http://127.0.0.1:${port}/hooks`,
      eventTypes: ['bank_transfer.recorded'],
      includeCharges: true,
    });
    secret = created.secret;
    const metering = createWalletClient({
      url: server.url,
      apiKey: (await operator.admin.createApiKey.mutate({ role: 'metering', label: 'm' })).apiKey,
    });
    const started = Date.now();
    for (let i = 0; i < CHARGES; i += BATCH) {
      await metering.charges.settleBatch.mutate({
        charges: Array.from({ length: BATCH }, (_, j) => ({
          chargeId: `c-${i + j}`,
          workspaceId: workspace.workspaceId,
          category: 'general' as const,
          amount: '0.01',
          periodStartMs: Date.UTC(2026, 9, 1),
          periodEndMs: Date.UTC(2026, 10, 1),
          description: 'usage',
        })),
      });
    }
    const settledMs = Date.now() - started;
    console.log(
      `loop ${loopOn ? 'on ' : 'off'}: settled ${CHARGES} charges in ${settledMs} ms ` +
        `(${Math.round((CHARGES / settledMs) * 1000)} charges/s); delivered meanwhile ${received}`,
    );
    if (loopOn) {
      while (received < CHARGES) await new Promise((r) => setTimeout(r, 50));
      const totalMs = lastAtMs - started;
      console.log(
        `  all ${received} charge events delivered ${totalMs} ms after the first settle ` +
          `(${Math.round((received / totalMs) * 1000)} events/s end to end), verified: ${verified}`,
      );
    }
  } finally {
    receiver.close();
    await server.stop();
  }
}

await run(false);
await run(true);
