/**
 * The Cloudflare Worker entry: the same Hono app and services as on Node, on D1 (the `DB`
 * binding) or, when LIBSQL_URL is set, on a libSQL server over HTTP. `scheduled` runs the
 * expiry job from the cron trigger.
 *
 * Writes that move money go to one Durable Object, `WalletWriter`, which runs the same app
 * with the same group-commit writer as a Node process: the settlements that arrive together
 * are planned together and committed in one batch. A Worker isolate cannot do that itself — a
 * request waiting on a group another request started is cancelled as hung — and without it a
 * hot account would fall into retry storms (docs/decisions/002-edge-writer.md). Reads, and
 * the calls about people, sessions and keys, are served by the Worker directly
 * (server/edge/routing.ts). The account version compare-and-set still guards every write, so
 * the design stays correct with any other writer.
 *
 * `/healthz` answers without the database; everything else waits until the schema is current
 * and answers 503 "migrations pending" until then, recovering without a restart once the
 * migrations are applied (docs/decisions/005-edge-operations.md). Nothing here may import a
 * Node-only module.
 *
 * Payments follow the vars exactly as on Node, and the Worker is production unless they say
 * otherwise: without ALIPAY_* secrets, online top-up is "not configured" and the sandbox
 * routes answer 404; the sandbox runs only with WALLET_PAYMENTS=sandbox. The cron also
 * reconciles top-ups whose notification never came, prunes sessions and throttling rows, and
 * delivers webhooks (fan-out of the outbox and due deliveries, for up to 20 s a run).
 */
import type { ExecutionContext } from 'hono';
import { forwardToWriter, WRITER_NAME } from './edge/forward.ts';
import { isolateFor, type WorkerEnv } from './edge/isolate.ts';
import { needsWriter } from './edge/routing.ts';
import { runExpiry } from './services/expiry/run.ts';
import { prune } from './services/housekeeping/prune.ts';
import { chainHistory } from './services/ledger/chainHistory.ts';
import { reconcileTopUps } from './services/topUps/reconcileDue.ts';
import { deliverWebhooks } from './webhooks/loop.ts';

export type { WorkerEnv } from './edge/isolate.ts';

/** Served without waiting for the database to be ready: they report on it. */
const PROBES = new Set(['/healthz', '/readyz']);

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    if (env.WRITER && needsWriter(request)) return forwardToWriter(request, env.WRITER);
    return serve(request, env, ctx);
  },

  async scheduled(_controller: unknown, env: WorkerEnv, ctx: ExecutionContext): Promise<void> {
    // The job writes, so it runs where every money write runs: in the writer object.
    const job = env.WRITER
      ? env.WRITER.get(env.WRITER.idFromName(WRITER_NAME))
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
    return serve(request, this.env);
  }
}

/** The app, once the database is ready (probes at once). */
async function serve(request: Request, env: WorkerEnv, ctx?: ExecutionContext): Promise<Response> {
  const url = new URL(request.url);
  const { app, ready } = isolateFor(env);
  if (!PROBES.has(url.pathname)) {
    const notReady = await ready(url);
    if (notReady) return notReady;
  }
  return app.fetch(request, env, ctx);
}

/**
 * Reached only from `scheduled`: the Worker never forwards this path to the object. The
 * scheduled jobs write, so they run in the writer: expiry, top-up reconciliation, pruning.
 */
const EXPIRE_PATH = '/__writer/expire';

/** How long one cron run keeps delivering webhooks (the rest waits for the next run). */
const WEBHOOK_BUDGET_MS = 20_000;

async function expire(env: WorkerEnv): Promise<string> {
  const { deps, ready } = isolateFor(env);
  const notReady = await ready(new URL(`http://writer${EXPIRE_PATH}`));
  if (notReady) return `skipped: ${((await notReady.json()) as { message: string }).message}`;
  const report = await runExpiry(deps);
  const topUps = await reconcileTopUps(deps);
  const pruned = await prune(deps);
  // History from before the ledger's hash chain is chained on the first run (decision 014).
  const chained = await chainHistory(deps);
  const webhooks = await deliverWebhooks(deps, WEBHOOK_BUDGET_MS);
  return (
    `expired ${report.instruments} instruments in ${report.accounts} accounts, ` +
    `${report.closedTopUps} top-ups closed; reconciled ${topUps.checked} top-ups: ` +
    `${topUps.credited} credited, ${topUps.closed} closed, ${topUps.unresolved} unresolved; ` +
    `pruned ${pruned.sessions} sessions, ${pruned.rateLimits} throttling rows; ` +
    `chained ${chained.entries} ledger entries of ${chained.accounts} accounts; ` +
    `webhooks: ${webhooks.rounds} delivery rounds`
  );
}
