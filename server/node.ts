/**
 * The Node entry: `npm start`. Opens (and migrates) the embedded libSQL database, bootstraps
 * the first operator key, and serves the API on PORT (default 8787; 0 picks a free port).
 *
 * `--demo` (passed by `npm start` and `npm run dev`) turns the payment sandbox on for a local
 * demo when nothing about payments is configured, outside production, on loopback only
 * (withLocalDemoDefaults). A configuration error — the sandbox under NODE_ENV=production, say
 * — stops the process before it serves anything, with the reason on stderr.
 */
import { createAdaptorServer } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import { createApp } from './app.ts';
import { bootstrapOperator } from './bootstrap.ts';
import { createNodeDeps, exitIfSchemaBehind } from './nodeDeps.ts';
import { readConfig, withLocalDemoDefaults, type Config } from './config.ts';
import { compression } from './http/compression.ts';
import { nodeClient } from './http/nodeClient.ts';
import { runExpiry } from './services/expiry/run.ts';
import { startDeliveryLoop } from './webhooks/loop.ts';
import { reconcileTopUps } from './services/topUps/reconcileDue.ts';
import { prune } from './services/housekeeping/prune.ts';
import { chainHistory } from './services/ledger/chainHistory.ts';
import { bootstrapOperatorUser } from './services/users/users.ts';

const CLIENT_DIR = process.env.WALLET_CLIENT_DIR ?? './dist/client';

const { env, demoSandbox } = process.argv.includes('--demo')
  ? withLocalDemoDefaults(process.env)
  : { env: process.env, demoSandbox: false };
const config = readConfigOrExit(env);
const deps = await createNodeDeps(config).catch(exitIfSchemaBehind);
const operatorKey = await bootstrapOperator(deps);
if (operatorKey) {
  console.log('');
  console.log('  First start: created the operator API key. It is shown only this once:');
  console.log(`  ${operatorKey}`);
  console.log('');
}
const operatorUser = await bootstrapOperatorUser(deps);
if (operatorUser) {
  console.log('  First start: created the operator sign-in for the web UI (shown only once):');
  console.log(`  email ${operatorUser.email}   password ${operatorUser.password}`);
  console.log('');
}

printPaymentsBanner(config, demoSandbox);
if (config.testClock) {
  console.log('');
  console.log('  TEST CLOCK ON (WALLET_TEST_CLOCK=true): operators may move the time forward.');
  console.log('');
}

// History written before the ledger's hash chain existed is chained once, while serving:
// each step commits under the account's version compare-and-set (decision 014).
chainHistory(deps)
  .then(({ accounts, entries }) => {
    if (accounts > 0)
      console.log(`[wallet] chained ${entries} ledger entries of ${accounts} accounts`);
  })
  .catch((error: unknown) => console.error('[wallet] chaining the ledger history failed', error));

// The expiry job on a timer; settlement never relies on it having run. Pruning of expired
// sessions and throttling rows rides along.
const expiryTimer =
  config.expiryIntervalMs > 0
    ? setInterval(() => {
        runExpiry(deps).catch((error: unknown) => console.error('[wallet] expiry failed', error));
        prune(deps).catch((error: unknown) => console.error('[wallet] pruning failed', error));
      }, config.expiryIntervalMs)
    : null;
expiryTimer?.unref();

// Asks the payment provider about top-ups whose notification has not come.
const reconcileTimer =
  config.reconcileIntervalMs > 0 && config.payments.mode !== 'off'
    ? setInterval(() => {
        reconcileTopUps(deps).catch((error: unknown) =>
          console.error('[wallet] top-up reconciliation failed', error),
        );
      }, config.reconcileIntervalMs)
    : null;
reconcileTimer?.unref();

// Webhook delivery: the outbox fanned out and POSTed off the write path (server/webhooks).
const stopDeliveries = config.webhooks.intervalMs > 0 ? startDeliveryLoop(deps) : null;

// Text answers of 1 KiB and more are gzipped when the client accepts it (see compression.ts).
const app = new Hono();
app.use(...compression());
app.route(
  '/',
  createApp(deps, {
    clientAddress: (c) => getConnInfo(c).remote.address,
    client: nodeClient(CLIENT_DIR),
  }),
);
// A burst of clients (a metering service flushing, a thousand browsers after an outage) must
// queue in the kernel while the event loop catches up, not be dropped: Node's default accept
// backlog of 511 overflows under 1,000 simultaneous connections and those clients time out.
const LISTEN_BACKLOG = 4096;
const server = createAdaptorServer({ fetch: app.fetch });
server.listen({ port: config.port, host: config.host, backlog: LISTEN_BACKLOG }, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(`wallet listening on http://${config.host}:${port} (database ${config.databaseUrl})`);
});

function shutdown(): void {
  if (expiryTimer) clearInterval(expiryTimer);
  if (reconcileTimer) clearInterval(reconcileTimer);
  void stopDeliveries?.();
  server.close(() => {
    deps.database.close();
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 2_000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

function readConfigOrExit(env: Record<string, string | undefined>): Config {
  try {
    return readConfig(env);
  } catch (error) {
    console.error(`[wallet] cannot start: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}

function printPaymentsBanner(config: Config, demoSandbox: boolean): void {
  const mode = config.payments.mode;
  if (mode === 'alipay') {
    console.log('Payments: Alipay (online top-ups are real money).');
  } else if (mode === 'sandbox') {
    const why = demoSandbox
      ? 'turned on by `npm start` for the local demo'
      : 'WALLET_PAYMENTS=sandbox';
    console.log('');
    console.log('  ************************************************************************');
    console.log('  *  SANDBOX PAYMENTS — NOT REAL MONEY                                   *');
    console.log('  ************************************************************************');
    console.log(`  Online top-ups are paid on the local sandbox page (${why}).`);
    console.log('  Never expose this server: configure ALIPAY_* keys for real payments.');
    console.log('');
  } else {
    console.log(
      'Payments: not configured (no ALIPAY_* keys, WALLET_PAYMENTS unset). Online top-up ' +
        'answers PAYMENTS_NOT_CONFIGURED; bank transfers work. See docs/OPERATIONS.md.',
    );
  }
}
