/**
 * Boots the bundled Worker (what `npm run build:edge` produces, built by wrangler) in
 * Miniflare — workerd, Cloudflare's runtime — with a fresh D1 database, applies the Drizzle
 * migrations to it, and hands out typed clients that reach the Worker through Miniflare.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Miniflare } from 'miniflare';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';
import { migrateDatabase, openDatabase } from '../../db/client.ts';
import { createWalletClient, type WalletClient } from '../../server/client.ts';
import { newOperatorKey } from './server.ts';

const MIGRATIONS = join(process.cwd(), 'db', 'migrations');

export interface TestWorker {
  readonly mf: Miniflare;
  readonly operatorKey: string;
  readonly operator: WalletClient;
  client(apiKey?: string, options?: { batch?: boolean }): WalletClient;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Fires the cron trigger as Cloudflare would. */
  scheduled(): Promise<void>;
  stop(): Promise<void>;
}

/** Bundles server/worker.ts with wrangler exactly as a deploy would. */
export function bundleWorker(): string {
  // Inside the project: workerd refuses module paths that climb out of its starting folder.
  const outdir = mkdtempSync(join(process.cwd(), '.test-output', 'worker-'));
  execFileSync(
    process.execPath,
    [
      join(process.cwd(), 'node_modules', 'wrangler', 'bin', 'wrangler.js'),
      'deploy',
      '--dry-run',
      '--outdir',
      outdir,
    ],
    {
      stdio: 'pipe',
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true', NO_COLOR: '1' },
    },
  );
  return join(outdir, 'worker.js');
}

/**
 * Starts the bundled Worker. With `assets`, Cloudflare's static assets stand in front of it
 * as wrangler.toml configures them (dist/client, its `_headers`, which paths run the Worker
 * first), read by wrangler itself.
 */
export async function startWorker(
  scriptPath: string,
  bindings: Record<string, string> = {},
  options: { assets?: boolean } = {},
): Promise<TestWorker> {
  const operatorKey = newOperatorKey();
  const mf = new Miniflare({
    modules: true,
    scriptPath,
    compatibilityDate: '2026-05-01',
    compatibilityFlags: ['nodejs_compat'],
    durableObjects: { WRITER: 'WalletWriter' },
    d1Databases: { DB: `wallet-test-${Date.now()}` },
    d1Persist: false,
    // The sandbox is named explicitly; a test passes WALLET_PAYMENTS: '' for none.
    bindings: { WALLET_OPERATOR_KEY: operatorKey, WALLET_PAYMENTS: 'sandbox', ...bindings },
    ...(options.assets ? { assets: wranglerAssets() } : {}),
  });
  if (bindings['LIBSQL_URL']) await applyLibsqlMigrations(bindings);
  else await applyMigrations(mf);
  const fetchThroughWorker = ((input: RequestInfo | URL, init?: RequestInit) =>
    mf.dispatchFetch(
      String(input instanceof Request ? input.url : input),
      init as never,
    )) as unknown as typeof fetch;
  const client = (apiKey?: string, options: { batch?: boolean } = {}) =>
    createWalletClient({
      url: 'http://wallet.test',
      ...(apiKey ? { apiKey } : {}),
      fetch: fetchThroughWorker,
      ...options,
    });
  return {
    mf,
    operatorKey,
    operator: client(operatorKey),
    client,
    fetch: (path, init) => fetchThroughWorker(`http://wallet.test${path}`, init),
    scheduled: async () => {
      const worker = (await mf.getWorker()) as unknown as {
        scheduled(options: { cron: string }): Promise<unknown>;
      };
      await worker.scheduled({ cron: '*/5 * * * *' });
    },
    stop: () => mf.dispose(),
  };
}

function wranglerAssets() {
  const { assets } = unstable_getMiniflareWorkerOptions('wrangler.toml').workerOptions;
  if (!assets) throw new Error('wrangler.toml configures no assets');
  return assets;
}

/** The same SQL files wrangler's `d1 migrations apply` runs, one statement at a time. */
async function applyMigrations(mf: Miniflare): Promise<void> {
  const d1 = await mf.getD1Database('DB');
  for (const statement of migrationStatements()) await d1.prepare(statement).run();
}

/**
 * A real libSQL server (WALLET_TEST_LIBSQL_URL): migrated through Drizzle's own migrator,
 * as the Node server would. The stand-in server of libsql.test.ts is not migrated.
 */
async function applyLibsqlMigrations(bindings: Record<string, string>): Promise<void> {
  if (bindings['WALLET_TEST_SKIP_MIGRATIONS']) return;
  const database = await openDatabase(bindings['LIBSQL_URL'] ?? '', bindings['LIBSQL_AUTH_TOKEN']);
  await migrateDatabase(database);
  database.close();
}

function migrationStatements(): string[] {
  const files = readdirSync(MIGRATIONS)
    .filter((name) => name.endsWith('.sql'))
    .sort();
  return files.flatMap((file) =>
    readFileSync(join(MIGRATIONS, file), 'utf8')
      .split('--> statement-breakpoint')
      .map((statement) => statement.trim())
      .filter((statement) => statement.replace(/--.*$/gm, '').trim() !== ''),
  );
}
