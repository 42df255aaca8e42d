/**
 * The reconciliation job: asks the provider about every top-up still pending some time after
 * it was created (WALLET_RECONCILE_AFTER_SECONDS) or past its deadline, so a payment whose
 * notification was lost is credited and an unpaid order closes. Runs on a timer on Node
 * (WALLET_RECONCILE_INTERVAL_SECONDS), from the edge cron, and — for orders past their
 * deadline only — inside the expiry job. Safe to run anywhere at any time, concurrently too:
 * every outcome is written by a once-only credit or a conditional close.
 */
import { and, asc, eq, lte, or } from 'drizzle-orm';
import { topUpOrders } from '../../../db/schema/index.ts';
import type { WalletDeps } from '../../context.ts';
import { paymentProviderOf } from '../../payments/providers.ts';
import { reconcileOrder, type ReconcileOutcome } from './reconcile.ts';

export interface ReconcileReport {
  /** Orders the provider was asked about. */
  readonly checked: number;
  readonly credited: number;
  readonly closed: number;
  /** Orders the provider could not tell about; asked again next run. */
  readonly unresolved: number;
}

/** Orders asked about in one run; the oldest deadlines first, the rest wait for the next. */
const ORDERS_PER_RUN = 200;
/** Queries in flight at once, to stay well inside the provider's rate limits. */
const PARALLEL_QUERIES = 4;

const NOTHING: ReconcileReport = { checked: 0, credited: 0, closed: 0, unresolved: 0 };

export async function reconcileTopUps(
  deps: WalletDeps,
  options: { readonly pastDeadlineOnly?: boolean } = {},
): Promise<ReconcileReport> {
  // A test clock another process advanced is followed here too (server/testClock.ts).
  await deps.clock.refresh?.();
  const nowMs = deps.clock.nowMs();
  const pastDeadline = lte(topUpOrders.expiresAtMs, nowMs);
  const due = and(
    eq(topUpOrders.status, 'pending'),
    options.pastDeadlineOnly
      ? pastDeadline
      : or(pastDeadline, lte(topUpOrders.createdAtMs, nowMs - deps.config.reconcileAfterMs)),
  );
  const db = deps.database.db;
  // Most runs find nothing: then the provider is not even built (the sandbox's first use
  // makes its key pairs).
  const [any] = await db.select({ id: topUpOrders.id }).from(topUpOrders).where(due).limit(1);
  if (!any) return NOTHING;
  const provider = await paymentProviderOf(deps);
  // Without a provider nobody can say whether an order was paid: it stays pending.
  if (!provider) return NOTHING;
  const orders = await db
    .select()
    .from(topUpOrders)
    .where(and(due, eq(topUpOrders.channel, provider.channel)))
    .orderBy(asc(topUpOrders.expiresAtMs))
    .limit(ORDERS_PER_RUN);
  const outcomes: ReconcileOutcome[] = [];
  for (let start = 0; start < orders.length; start += PARALLEL_QUERIES) {
    const slice = orders.slice(start, start + PARALLEL_QUERIES);
    const settled = await Promise.allSettled(
      slice.map((order) => reconcileOrder(deps, provider, order)),
    );
    for (const result of settled) {
      if (result.status === 'rejected') {
        console.error('[wallet] top-up reconciliation failed', result.reason);
      }
      outcomes.push(result.status === 'fulfilled' ? result.value : 'unresolved');
    }
  }
  const count = (outcome: ReconcileOutcome) => outcomes.filter((o) => o === outcome).length;
  return {
    checked: orders.length,
    credited: count('credited'),
    closed: count('closed'),
    unresolved: count('unresolved'),
  };
}
