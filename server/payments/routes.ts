/**
 * Plain HTTP routes for payments: the provider's asynchronous notification, and — when the
 * sandbox is the provider — its checkout pages (sandboxRoutes.ts). Both providers speak
 * Alipay's notify protocol, so the notification arrives at /payments/alipay/notify; with no
 * provider configured there is nothing to notify and the route answers 404.
 */
import { Hono, type Context } from 'hono';
import type { Actor } from '../auth/keys.ts';
import type { WalletDeps } from '../context.ts';
import { receiveNotice, type NoticeOutcome } from '../services/topUps/notify.ts';
import { paymentProviderOf } from './providers.ts';
import { sandboxRoutes } from './sandboxRoutes.ts';

export interface PaymentRouteOptions {
  /** Who is calling (session cookie or API key), as the rest of the app decides it. */
  readonly actorOf: (c: Context) => Promise<Actor | null>;
}

export function paymentRoutes(deps: WalletDeps, options: PaymentRouteOptions): Hono {
  const routes = new Hono();

  routes.post('/alipay/notify', async (c) => {
    const provider = await paymentProviderOf(deps);
    if (!provider) return c.notFound();
    const body = await c.req.text();
    // Anything unexpected is refused too: the provider then retries later.
    const outcome = await receiveNotice(deps, provider, body).catch(
      (error: unknown): NoticeOutcome => {
        console.error('[wallet] payment notification failed', error);
        return { ok: false, reason: 'error' };
      },
    );
    if (!outcome.ok) console.warn(`[wallet] refused an Alipay notify: ${outcome.reason}`);
    const reply = provider.noticeReply(outcome.ok);
    return c.text(reply.body, reply.status);
  });

  routes.route('/sandbox', sandboxRoutes(deps, options.actorOf));
  return routes;
}
