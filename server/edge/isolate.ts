/**
 * What one Worker isolate keeps between requests: the app and its dependencies (built without
 * I/O), and whether the database has been found ready.
 *
 * Nothing that can fail is cached. A deployment that runs before its migrations answers 503
 * "migrations pending" (`readyz`, and every request that needs the database); each request
 * checks again until the schema is current and the first operator is bootstrapped, then the
 * isolate remembers it and requests pay nothing more. Each request checks on its own rather
 * than awaiting another request's promise: workerd cancels a request that waits on I/O
 * another request started (docs/decisions/002-edge-writer.md), and a cold start checks a few
 * times at worst.
 */
import type { AnyD1Database } from 'drizzle-orm/d1';
import type { Hono } from 'hono';
import { openD1Database, openLibsqlHttpDatabase } from '../../db/edge.ts';
import { readSchemaStatus } from '../../db/schemaVersion.ts';
import { createApp } from '../app.ts';
import { bootstrapOperator, depsFor } from '../bootstrap.ts';
import { systemClock } from '../clock.ts';
import { readConfig } from '../config.ts';
import type { WalletDeps } from '../context.ts';
import { edgeClient } from '../http/edgeClient.ts';
import { databaseUnavailable, migrationsPending } from '../readiness.ts';
import { bootstrapOperatorUser } from '../services/users/users.ts';
import type { WriterNamespace } from './forward.ts';

export interface WorkerEnv {
  readonly DB?: AnyD1Database;
  readonly WRITER?: WriterNamespace;
  readonly LIBSQL_URL?: string;
  readonly LIBSQL_AUTH_TOKEN?: string;
  readonly [name: string]: unknown;
}

/** D1 binds at most 100 parameters; groups stay small enough for every read to fit. */
const EDGE_WRITER = { maxGroup: 50 };

export interface Isolate {
  readonly deps: WalletDeps;
  readonly app: Hono;
  /**
   * Null when the database is ready (checked once per isolate, then free); otherwise the 503
   * to answer: migrations pending, or the database failing (never remembered).
   */
  ready(url: URL): Promise<Response | null>;
}

let isolate: Isolate | null = null;

export function isolateFor(env: WorkerEnv): Isolate {
  isolate ??= buildIsolate(env);
  return isolate;
}

function buildIsolate(env: WorkerEnv): Isolate {
  const read = readConfig(stringVars(env));
  // The Worker counts as production: plain-http webhooks (to loopback, for local tests and
  // Miniflare) only when WALLET_WEBHOOK_LOOPBACK_HTTP=1 says so.
  const config = {
    ...read,
    webhooks: { ...read.webhooks, allowLoopbackHttp: env.WALLET_WEBHOOK_LOOPBACK_HTTP === '1' },
  };
  const database = env.LIBSQL_URL
    ? openLibsqlHttpDatabase(env.LIBSQL_URL, env.LIBSQL_AUTH_TOKEN)
    : openD1Database(requireD1(env));
  const deps = depsFor(database, config, systemClock, EDGE_WRITER);
  const app = createApp(deps, {
    clientAddress: (c) => c.req.header('cf-connecting-ip') ?? undefined,
    client: edgeClient,
  });
  let isReady = false;
  return {
    deps,
    app,
    async ready(url) {
      if (isReady) return null;
      try {
        const status = await readSchemaStatus(database.db);
        if (!status.current) return migrationsPending(url, status);
        await bootstrap(deps);
      } catch (error) {
        return databaseUnavailable(url, error);
      }
      isReady = true;
      return null;
    },
  };
}

/**
 * The first operator key comes from the WALLET_OPERATOR_KEY secret (nothing can print a
 * generated one at the edge), the first operator user from WALLET_OPERATOR_PASSWORD; without
 * them operators must be created on Node. Both are idempotent, so isolates racing is harmless.
 */
async function bootstrap(deps: WalletDeps): Promise<void> {
  if (deps.config.operatorKey) await bootstrapOperator(deps);
  if (deps.config.operatorPassword) await bootstrapOperatorUser(deps);
}

function requireD1(env: WorkerEnv): AnyD1Database {
  if (!env.DB) throw new Error('no database: bind D1 as DB or set LIBSQL_URL');
  return env.DB;
}

function stringVars(env: WorkerEnv): Record<string, string | undefined> {
  const vars: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(env)) {
    if (typeof value === 'string') vars[name] = value;
  }
  return vars;
}
