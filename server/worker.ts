/**
 * The Cloudflare Worker entry: the same Hono app and services as on Node, on D1 (the `DB`
 * binding) or, when LIBSQL_URL is set, on a libSQL server over HTTP. `scheduled` runs the
 * expiry job from the cron trigger.
 *
 * Writes go to one Durable Object, `WalletWriter`, which runs the same app with the same
 * group-commit writer as a Node process: the settlements that arrive together are planned
 * together and committed in one batch. A Worker isolate cannot do that itself — a request
 * waiting on a group another request started is cancelled as hung — and without it a hot
 * account would fall into retry storms. Reads (tRPC queries, the CSV export) are served by
 * the Worker directly. The account version compare-and-set still guards every write, so
 * the design stays correct with any other writer (a Node process on the same libSQL
 * database, or more objects later). Nothing here may import a Node-only module.
 *
 * Payments follow the vars exactly as on Node, and the Worker is production unless they say
 * otherwise: without ALIPAY_* secrets, online top-up is "not configured" and the sandbox
 * routes answer 404; the sandbox runs only with WALLET_PAYMENTS=sandbox. The cron also
 * reconciles top-ups whose notification never came.
 */
import type { AnyD1Database } from 'drizzle-orm/d1';
import type { ExecutionContext, Hono } from 'hono';
import { openD1Database, openLibsqlHttpDatabase } from '../db/edge.ts';
import { createApp } from './app.ts';
import { bootstrapOperator, depsFor } from './bootstrap.ts';
import { systemClock } from './clock.ts';
import { readConfig } from './config.ts';
import type { WalletDeps } from './context.ts';
import { edgeClient } from './http/edgeClient.ts';
import { runExpiry } from './services/expiry/run.ts';
import { reconcileTopUps } from './services/topUps/reconcileDue.ts';
import { prune } from './services/housekeeping/prune.ts';
import { bootstrapOperatorUser } from './services/users/users.ts';

interface DurableObjectNamespace {
  idFromName(name: string): unknown;
  get(id: unknown): { fetch(request: Request): Promise<Response> };
}

export interface WorkerEnv {
  readonly DB?: AnyD1Database;
  readonly WRITER?: DurableObjectNamespace;
  readonly LIBSQL_URL?: string;
  readonly LIBSQL_AUTH_TOKEN?: string;
  readonly [name: string]: unknown;
}

/** D1 binds at most 100 parameters; groups stay small enough for every read to fit. */
const EDGE_WRITER = { maxGroup: 50 };

interface Isolate {
  readonly deps: WalletDeps;
  readonly app: Hono;
  readonly ready: Promise<unknown>;
}

let isolate: Isolate | null = null;

function isolateFor(env: WorkerEnv): Isolate {
  if (isolate) return isolate;
  const vars = stringVars(env);
  const config = readConfig(vars);
  const database = env.LIBSQL_URL
    ? openLibsqlHttpDatabase(env.LIBSQL_URL, env.LIBSQL_AUTH_TOKEN)
    : openD1Database(requireD1(env));
  const deps = depsFor(database, config, systemClock, EDGE_WRITER);
  const app = createApp(deps, {
    clientAddress: (c) => c.req.header('cf-connecting-ip') ?? undefined,
    client: edgeClient,
  });
  // The first operator key comes from the WALLET_OPERATOR_KEY secret (nothing can print a
  // generated one at the edge); without it operators must be created on Node.
  const ready = Promise.all([
    config.operatorKey ? bootstrapOperator(deps) : null,
    config.operatorPassword ? bootstrapOperatorUser(deps) : null,
  ]);
  isolate = { deps, app, ready };
  return isolate;
}

/** Requests that may write: every tRPC mutation and the payment routes. */
function writes(request: Request): boolean {
  const path = new URL(request.url).pathname;
  return (request.method === 'POST' && path.startsWith('/trpc/')) || path.startsWith('/payments/');
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    if (env.WRITER && writes(request)) {
      return env.WRITER.get(env.WRITER.idFromName('wallet')).fetch(request);
    }
    const { app, ready } = isolateFor(env);
    await ready;
    return app.fetch(request, env, ctx);
  },

  async scheduled(_controller: unknown, env: WorkerEnv, ctx: ExecutionContext): Promise<void> {
    // The job writes, so it runs where every write runs: in the writer object.
    const job = env.WRITER
      ? env.WRITER.get(env.WRITER.idFromName('wallet'))
          .fetch(new Request(`http://writer${EXPIRE_PATH}`, { method: 'POST' }))
          .then((response) => response.text())
      : expire(env);
    ctx.waitUntil(job);
    console.log(`scheduled: ${await job}`);
  },
};

/**
 * The single writer of a deployment. Requests to a Durable Object share one context, so the
 * writer's groups span requests as they do in a Node process.
 */
export class WalletWriter {
  private readonly env: WorkerEnv;

  constructor(_state: unknown, env: WorkerEnv) {
    this.env = env;
  }

  async fetch(request: Request): Promise<Response> {
    if (new URL(request.url).pathname === EXPIRE_PATH) return new Response(await expire(this.env));
    const { app, ready } = isolateFor(this.env);
    await ready;
    return app.fetch(request, this.env);
  }
}

/**
 * Reached only from `scheduled`: the Worker never forwards this path to the object. The
 * scheduled jobs write, so they run in the writer: expiry, then top-up reconciliation.
 */
const EXPIRE_PATH = '/__writer/expire';

async function expire(env: WorkerEnv): Promise<string> {
  const { deps, ready } = isolateFor(env);
  await ready;
  const report = await runExpiry(deps);
  const topUps = await reconcileTopUps(deps);
  const pruned = await prune(deps);
  return (
    `expired ${report.instruments} instruments in ${report.accounts} accounts, ` +
    `${report.closedTopUps} top-ups closed; reconciled ${topUps.checked} top-ups: ` +
    `${topUps.credited} credited, ${topUps.closed} closed, ${topUps.unresolved} unresolved; ` +
    `pruned ${pruned.sessions} sessions, ${pruned.rateLimits} throttling rows`
  );
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
