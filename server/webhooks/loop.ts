/**
 * The Node process's delivery loop, beside the expiry timer: fan out what the outbox holds,
 * send what is due, and sleep when there is nothing to do. It runs off the write path (the
 * read connection, small batches), so settlement never waits for a receiver.
 */
import type { WalletDeps } from '../context.ts';
import { newId } from '../ids.ts';
import { deliverDue } from './deliver.ts';
import { fanOut } from './fanout.ts';

/** Deliveries claimed per round. */
export const DELIVERIES_PER_ROUND = 50;

/** One round: fan out, then deliver; true when there was work (run again at once). */
export async function deliveryRound(deps: WalletDeps, owner: string): Promise<boolean> {
  const fanned = await fanOut(deps, owner);
  const sent = await deliverDue(deps, DELIVERIES_PER_ROUND);
  return fanned > 0 || sent > 0;
}

export function startDeliveryLoop(deps: WalletDeps): () => Promise<void> {
  const owner = newId('proc');
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = deliveryRound(deps, owner)
      .catch((error: unknown) => {
        console.error('[wallet] webhook delivery round failed', error);
        return false;
      })
      .then((busy) => {
        if (!stopped) timer = setTimeout(tick, busy ? 0 : deps.config.webhooks.intervalMs);
      });
  };
  timer = setTimeout(tick, 0);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}

/**
 * Rounds until there is nothing to do or the budget is spent: the Worker's cron, and
 * `npm run expire`. Returns how many rounds did work.
 */
export async function deliverWebhooks(
  deps: WalletDeps,
  budgetMs: number,
): Promise<{ rounds: number }> {
  const owner = newId('cron');
  const until = Date.now() + budgetMs;
  let rounds = 0;
  while (Date.now() < until && (await deliveryRound(deps, owner))) rounds++;
  return { rounds };
}
