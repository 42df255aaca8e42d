/**
 * Boots the bundled Worker (what `npm run build:edge` produces, built by wrangler) in
 * Miniflare — workerd, Cloudflare's runtime — with a fresh D1 database, applies the Drizzle
 * migrations to it as `wrangler d1 migrations apply` does, and hands out typed clients that
 * reach the Worker through Miniflare.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
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
  /** Applies the migrations not yet applied, as `wrangler d1 migrations apply` would. */
  applyMigrations(): Promise<void>;
  /** With `instrument`: the requests the writer object served, as `METHOD /path`. */
  writerCalls(): Promise<string[]>;
  /** With `runtimeLog`: what workerd printed to stderr so far (verbose: uncaught errors too). */
  runtimeLog(): string;
  stop(): Promise<void>;
}

export interface WorkerOptions {
  /** Apply the migrations before the first request (default true). */
  readonly migrate?: boolean;
  /** Run the bundle through test/helpers/instrumentedWorker.js (writerCalls, log markers). */
  readonly instrument?: boolean;
  /** Run workerd verbosely and keep its stderr for runtimeLog() instead of printing it. */
  readonly runtimeLog?: boolean;
  /** Serve the built client as Cloudflare's static assets, as wrangler.toml configures them. */
  readonly assets?: boolean;
}

/** Bundles server/worker.ts with wrangler exactly as a deploy would. */
export function bundleWorker(): string {
  // Inside the project: workerd refuses module paths that climb out of its starting folder.
  mkdirSync(join(process.cwd(), '.test-output'), { recursive: true });
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
  options: WorkerOptions = {},
): Promise<TestWorker> {
  const operatorKey = newOperatorKey();
  let stderr = '';
  const mf = new Miniflare({
    modules: true,
    scriptPath: options.instrument ? instrumented(scriptPath) : scriptPath,
    // The wrapper imports the bundle; Miniflare would take a `.js` import for CommonJS.
    modulesRules: [{ type: 'ESModule', include: ['**/*.js'] }],
    compatibilityDate: '2026-05-01',
    compatibilityFlags: ['nodejs_compat'],
    durableObjects: { WRITER: options.instrument ? 'CountingWriter' : 'WalletWriter' },
    d1Databases: { DB: `wallet-test-${Date.now()}` },
    d1Persist: false,
    // The sandbox is named explicitly; a test passes WALLET_PAYMENTS: '' for none.
    bindings: { WALLET_OPERATOR_KEY: operatorKey, WALLET_PAYMENTS: 'sandbox', ...bindings },
    ...(options.assets ? { assets: wranglerAssets() } : {}),
    ...(options.runtimeLog
      ? {
          verbose: true,
          handleRuntimeStdio: (stdout: Readable, stderrStream: Readable) => {
            stdout.pipe(process.stdout);
            stderrStream.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
          },
        }
      : {}),
  });
  const migrate = () =>
    bindings['LIBSQL_URL'] ? applyLibsqlMigrations(bindings) : applyD1Migrations(mf);
  if (options.migrate !== false) await migrate();
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
    applyMigrations: migrate,
    writerCalls: async () => {
      const response = await mf.dispatchFetch('http://wallet.test/__test/writer-calls');
      if (!response.ok) throw new Error('writerCalls() needs startWorker(..., { instrument })');
      return (await response.json()) as string[];
    },
    runtimeLog: () => stderr,
    stop: () => mf.dispose(),
  };
}

function wranglerAssets() {
  const { assets } = unstable_getMiniflareWorkerOptions('wrangler.toml').workerOptions;
  if (!assets) throw new Error('wrangler.toml configures no assets');
  return assets;
}

/** The bundle behind test/helpers/instrumentedWorker.js, which imports it as ./worker.js. */
function instrumented(scriptPath: string): string {
  const wrapper = join(dirname(scriptPath), 'instrumented.js');
  copyFileSync(join(process.cwd(), 'test', 'helpers', 'instrumentedWorker.js'), wrapper);
  return wrapper;
}

/**
 * What `wrangler d1 migrations apply` does: each SQL file not yet recorded in
 * `d1_migrations`, then its name recorded there (the Worker's readiness reads that table).
 */
export async function applyD1Migrations(mf: Miniflare): Promise<void> {
  const d1 = await mf.getD1Database('DB');
  await d1
    .prepare(
      `CREATE TABLE IF NOT EXISTS d1_migrations(
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT UNIQUE,
        applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)`,
    )
    .run();
  const applied = await d1.prepare('SELECT name FROM d1_migrations').all<{ name: string }>();
  const done = new Set(applied.results.map((row: { name: string }) => row.name));
  for (const file of migrationFiles().filter((name) => !done.has(name))) {
    for (const statement of migrationStatements(file)) await d1.prepare(statement).run();
    await d1.prepare('INSERT INTO d1_migrations (name) VALUES (?)').bind(file).run();
  }
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

function migrationFiles(): string[] {
  return readdirSync(MIGRATIONS)
    .filter((name) => name.endsWith('.sql'))
    .sort();
}

function migrationStatements(file: string): string[] {
  return readFileSync(join(MIGRATIONS, file), 'utf8')
    .split('--> statement-breakpoint')
    .map((statement) => statement.trim())
    .filter((statement) => statement.replace(/--.*$/gm, '').trim() !== '');
}
