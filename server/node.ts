/**
 * The Node entry: `npm start`. Opens (and migrates) the embedded libSQL database, bootstraps
 * the first operator key, and serves the API on PORT (default 8787; 0 picks a free port).
 */
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import { createApp } from './app.ts';
import { bootstrapOperator } from './bootstrap.ts';
import { createNodeDeps } from './nodeDeps.ts';
import { readConfig } from './config.ts';
import { runExpiry } from './services/expiry/run.ts';
import { bootstrapOperatorUser } from './services/users/users.ts';

const CLIENT_DIR = process.env.WALLET_CLIENT_DIR ?? './dist/client';

const config = readConfig(process.env);
const deps = await createNodeDeps(config);
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

if (!config.alipay) {
  console.log(
    'Alipay: sandbox mode (no ALIPAY_* keys configured). Top-ups are paid with the local ' +
      '"Pay" page; configure real keys for production.',
  );
}

// The expiry job on a timer; settlement never relies on it having run.
const expiryTimer =
  config.expiryIntervalMs > 0
    ? setInterval(() => {
        runExpiry(deps).catch((error: unknown) => console.error('[wallet] expiry failed', error));
      }, config.expiryIntervalMs)
    : null;
expiryTimer?.unref();

const app = createApp(deps, {
  clientAddress: (c) => getConnInfo(c).remote.address,
});
// The web client: built files, and index.html for every other path (client-side routes).
app.use('/*', serveStatic({ root: CLIENT_DIR }));
app.get('/*', serveStatic({ path: `${CLIENT_DIR}/index.html` }));
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  console.log(
    `wallet listening on http://${config.host}:${info.port} (database ${config.databaseUrl})`,
  );
});

function shutdown(): void {
  if (expiryTimer) clearInterval(expiryTimer);
  server.close(() => {
    deps.database.close();
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 2_000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
