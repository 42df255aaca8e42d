/**
 * Delivery: POSTs due deliveries, signed, with a timeout and bounded concurrency, and records
 * each attempt. A row is claimed with a lease (one UPDATE … RETURNING), so two processes never
 * POST the same attempt at once; a process that dies mid-POST leaves a lease that lapses, and
 * the row is sent again (at least once; receivers deduplicate on `webhook-id`).
 *
 * A failed attempt is retried with exponential backoff and full jitter (base
 * WALLET_WEBHOOK_RETRY_BASE_MS, doubling, capped at a day, half of it random) until the delivery is older than
 * WALLET_WEBHOOK_RETRY_FOR_MS (3 days); then it fails for good and its endpoint is disabled
 * (disable.ts).
 */
import { and, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { webhookDeliveries, webhookEndpoints } from '../../db/schema/index.ts';
import type { WalletDeps } from '../context.ts';
import { disableEndpoint } from './disable.ts';
import { unseal } from './secrets.ts';
import { settled } from './quiet.ts';
import { signDelivery } from './sign.ts';

type DeliveryRow = typeof webhookDeliveries.$inferSelect;
type EndpointRow = typeof webhookEndpoints.$inferSelect;

const MAX_DELAY_MS = 24 * 3600_000;
/** What is kept of a failing receiver's answer for the log. */
const MAX_ERROR_TEXT = 300;

/** Claims and sends one batch of due deliveries; returns how many it attempted. */
export async function deliverDue(deps: WalletDeps, limit: number): Promise<number> {
  const claimed = await claim(deps, limit);
  if (claimed.length === 0) return 0;
  const db = deps.database.db;
  const endpointIds = [...new Set(claimed.map((row) => row.endpointId))];
  const endpoints = new Map(
    (await db.select().from(webhookEndpoints).where(inArray(webhookEndpoints.id, endpointIds))).map(
      (row) => [row.id, row],
    ),
  );
  const queue = [...claimed];
  const workers = Array.from(
    { length: Math.min(deps.config.webhooks.concurrency, queue.length) },
    async () => {
      for (let row = queue.shift(); row; row = queue.shift()) {
        const endpoint = endpoints.get(row.endpointId);
        if (endpoint) await attempt(deps, endpoint, row);
      }
    },
  );
  await Promise.all(workers);
  return claimed.length;
}

async function claim(deps: WalletDeps, limit: number): Promise<DeliveryRow[]> {
  const db = deps.database.db;
  const t = webhookDeliveries;
  const [due] = await db
    .select({ id: t.id })
    .from(t)
    .where(and(eq(t.status, 'pending'), lte(t.nextAttemptAtMs, deps.clock.nowMs())))
    .limit(1);
  if (!due) return [];
  await settled(deps);
  const nowMs = deps.clock.nowMs();
  // Long enough for the POST and its bookkeeping; a lapsed lease means the holder is gone.
  const leaseUntilMs = nowMs + deps.config.webhooks.timeoutMs * 3 + 5_000;
  const claimable = db
    .select({ id: t.id })
    .from(t)
    .where(
      and(
        eq(t.status, 'pending'),
        lte(t.nextAttemptAtMs, nowMs),
        or(isNull(t.leaseUntilMs), lte(t.leaseUntilMs, nowMs)),
        sql`${t.endpointId} IN (SELECT id FROM webhook_endpoints WHERE enabled = 1)`,
      ),
    )
    .orderBy(t.nextAttemptAtMs)
    .limit(limit);
  return db.update(t).set({ leaseUntilMs }).where(inArray(t.id, claimable)).returning();
}

async function attempt(deps: WalletDeps, endpoint: EndpointRow, row: DeliveryRow): Promise<void> {
  const startedMs = Date.now();
  let responseCode: number | null = null;
  let error: string | null = null;
  try {
    const response = await fetch(endpoint.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'AccountWallet-Webhooks/1',
        ...signDelivery(
          await secretsOf(deps, endpoint),
          row.eventId,
          new Date(deps.clock.nowMs()),
          row.body,
        ),
      },
      body: row.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(deps.config.webhooks.timeoutMs),
    });
    responseCode = response.status;
    if (!response.ok)
      error =
        (await response.text().catch(() => '')).slice(0, MAX_ERROR_TEXT) ||
        `HTTP ${response.status}`;
    else await response.body?.cancel().catch(() => undefined);
  } catch (caught) {
    error =
      caught instanceof Error
        ? `${caught.name}: ${caught.message}`.slice(0, MAX_ERROR_TEXT)
        : 'request failed';
  }
  await record(deps, endpoint, row, { responseCode, error, durationMs: Date.now() - startedMs });
}

/** The secrets that sign: the current one, and the previous one during its overlap. */
async function secretsOf(deps: WalletDeps, endpoint: EndpointRow): Promise<string[]> {
  const current = await unseal(deps, endpoint.secretSealed);
  const overlap =
    endpoint.previousSecretSealed !== null &&
    endpoint.previousValidUntilMs !== null &&
    endpoint.previousValidUntilMs > deps.clock.nowMs();
  return overlap && endpoint.previousSecretSealed
    ? [current, await unseal(deps, endpoint.previousSecretSealed)]
    : [current];
}

async function record(
  deps: WalletDeps,
  endpoint: EndpointRow,
  row: DeliveryRow,
  result: { responseCode: number | null; error: string | null; durationMs: number },
): Promise<void> {
  await settled(deps);
  const nowMs = deps.clock.nowMs();
  const attempt = row.attempt + 1;
  const delivered = result.error === null;
  const givenUp = !delivered && nowMs - row.createdAtMs >= deps.config.webhooks.retryForMs;
  await deps.database.db
    .update(webhookDeliveries)
    .set({
      status: delivered ? 'delivered' : givenUp ? 'failed' : 'pending',
      attempt,
      nextAttemptAtMs: delivered || givenUp ? null : nowMs + retryDelayMs(deps, attempt),
      leaseUntilMs: null,
      responseCode: result.responseCode,
      durationMs: result.durationMs,
      error: result.error,
    })
    .where(eq(webhookDeliveries.id, row.id));
  if (givenUp) await disableEndpoint(deps, endpoint, attempt);
}

/** Exponential backoff with equal jitter (half fixed, half random): spreads retries of many deliveries over time. */
export function retryDelayMs(deps: WalletDeps, attempt: number): number {
  const ceiling = Math.min(MAX_DELAY_MS, deps.config.webhooks.retryBaseMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}
