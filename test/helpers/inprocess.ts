/**
 * The same app served in this process on an ephemeral port, with a clock the test moves.
 * Used where behaviour depends on time (monthly limits, expiry); everything else uses the
 * child-process server of server.ts.
 */
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { openDatabase } from '../../db/client.ts';
import { createApp } from '../../server/app.ts';
import { bootstrapOperator, depsFor } from '../../server/bootstrap.ts';
import { readConfig } from '../../server/config.ts';
import { createWalletClient } from '../../server/client.ts';
import type { Clock } from '../../server/clock.ts';
import type { WalletDeps } from '../../server/context.ts';
import { bootstrapOperatorUser } from '../../server/services/users/users.ts';
import {
  freshDatabasePath,
  newOperatorKey,
  OPERATOR_EMAIL,
  OPERATOR_PASSWORD,
  type TestServer,
} from './server.ts';

export class ManualClock implements Clock {
  constructor(private currentMs: number) {}
  nowMs(): number {
    return this.currentMs;
  }
  set(ms: number): void {
    this.currentMs = ms;
  }
  advance(ms: number): void {
    this.currentMs += ms;
  }
}

export async function startInProcessServer(
  clock: Clock,
  env: Record<string, string> = {},
): Promise<TestServer & { deps: WalletDeps }> {
  const dbPath = freshDatabasePath();
  const operatorKey = newOperatorKey();
  const config = readConfig({
    DATABASE_URL: `file:${dbPath}`,
    WALLET_OPERATOR_KEY: operatorKey,
    WALLET_OPERATOR_EMAIL: OPERATOR_EMAIL,
    WALLET_OPERATOR_PASSWORD: OPERATOR_PASSWORD,
    WALLET_EXPIRY_INTERVAL_SECONDS: '0',
    // Named explicitly, as everywhere: without it online top-up is not configured.
    WALLET_PAYMENTS: 'sandbox',
    ...env,
  });
  const database = await openDatabase(config.databaseUrl);
  const deps = depsFor(database, config, clock);
  await bootstrapOperator(deps);
  await bootstrapOperatorUser(deps);
  const app = createApp(deps, { clientAddress: (c) => getConnInfo(c).remote.address });
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>(
    (resolve) => {
      const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
        resolve({ server: started, port: info.port }),
      );
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const client = (apiKey?: string, options: { batch?: boolean } = {}) =>
    createWalletClient({ url, ...(apiKey ? { apiKey } : {}), ...options });
  return {
    deps,
    url,
    dbPath,
    pid: null,
    operatorKey,
    operator: client(operatorKey),
    client,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          database.close();
          resolve();
        });
      }),
    stderr: () => '',
  };
}
