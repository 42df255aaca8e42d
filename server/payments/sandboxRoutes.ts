/**
 * The sandbox's checkout: the page a top-up's checkout link opens, and its Pay button. They
 * exist only when the sandbox is the provider (404 otherwise), and serve only a signed-in
 * admin of the order's account or an operator (401 without a session or key, 403 for anyone
 * else): the Pay button credits an account, so it is as guarded as any other write.
 *
 * Pay takes the payment in the sandbox's own record, then hands the notify it signed to the
 * same verify-and-credit path a real notify reaches. "Lose the notification" takes the
 * payment but delivers nothing, as when Alipay's notify never arrives: the reconciliation
 * (or the top-up page's "check payment") then finds it.
 */
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { eq } from 'drizzle-orm';
import { isDomainError, type DomainErrorCode } from '../../common/errors.ts';
import { formatFen } from '../../common/money.ts';
import { topUpOrders } from '../../db/schema/index.ts';
import type { Actor } from '../auth/keys.ts';
import type { WalletDeps } from '../context.ts';
import { requireAccountWrite } from '../services/access.ts';
import { receiveNotice } from '../services/topUps/notify.ts';
import { parseForm } from './alipayProvider.ts';
import { sandboxOf } from './providers.ts';
import { SANDBOX_CSS } from './sandboxStyle.ts';

type TopUpRow = typeof topUpOrders.$inferSelect;
type Page = ReturnType<typeof html>;

export function sandboxRoutes(
  deps: WalletDeps,
  actorOf: (c: Context) => Promise<Actor | null>,
): Hono {
  const routes = new Hono();

  // A stylesheet of its own: the Content-Security-Policy refuses inline styles.
  routes.get('/sandbox.css', (c) =>
    c.body(SANDBOX_CSS, 200, { 'content-type': 'text/css; charset=utf-8' }),
  );

  /** The order a request may use, or the page that says why not. */
  async function orderFor(c: Context, orderId: string): Promise<TopUpRow | Response> {
    const actor = await actorOf(c);
    if (!actor) {
      const body = html`<p>Sign in to the wallet in this browser, then open this page again.</p>
        <p><a href="/">Sign in</a></p>`;
      return c.html(page('Sign in first', body), 401);
    }
    const order =
      orderId === ''
        ? undefined
        : await deps.database.db.query.topUpOrders.findFirst({
            where: eq(topUpOrders.id, orderId),
          });
    if (!order) {
      return c.html(refusal('Unknown order', 'No such top-up order.', 'TOP_UP_NOT_FOUND'), 404);
    }
    try {
      requireAccountWrite(actor, order.accountId);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      const body = html`<p>Only an admin of the order's account may pay it.</p>`;
      return c.html(page('Not your order', body), 403);
    }
    return order;
  }

  routes.get('/checkout', async (c) => {
    if (!(await sandboxOf(deps))) return c.notFound();
    const order = await orderFor(c, c.req.query('orderId') ?? '');
    if (order instanceof Response) return order;
    return c.html(checkoutPage(order, deps.clock.nowMs()));
  });

  routes.post('/pay', async (c) => {
    const sandbox = await sandboxOf(deps);
    if (!sandbox) return c.notFound();
    const form = parseForm(await c.req.text()) ?? {};
    const order = await orderFor(c, form['orderId'] ?? '');
    if (order instanceof Response) return order;
    const nowMs = deps.clock.nowMs();
    // Like Alipay after `time_expire`, the sandbox takes no payment for a closed order.
    if (!payable(order, nowMs) && order.status !== 'paid') {
      return c.html(refusal('Order closed', 'This order has closed.', 'ORDER_NOT_OPEN'), 409);
    }
    const notify = await sandbox.pay({ orderId: order.id, amountFen: order.amountFen }, nowMs);
    const amount = formatFen(order.amountFen);
    if (form['notification'] === 'lose') {
      const body = html`<p data-testid="paid">Paid ${amount} CNY for order ${order.id}.</p>
        <p>
          The notification was dropped on purpose: the wallet learns of this payment when it
          reconciles with the sandbox, or when you choose "Check payment" on the top-up page.
        </p>`;
      return c.html(page('Paid, notification lost', body));
    }
    const outcome = await receiveNotice(deps, sandbox, notify);
    if (!outcome.ok) return c.html(page('Payment failed', html`<p>${outcome.reason}</p>`), 400);
    const body = html`<p data-testid="paid">Paid ${amount} CNY for order ${order.id}.</p>
      <p>You can close this page; the wallet has been credited.</p>`;
    return c.html(page('Paid', body));
  });

  return routes;
}

function payable(order: TopUpRow, nowMs: number): boolean {
  return order.status === 'pending' && nowMs < order.expiresAtMs;
}

function checkoutPage(order: TopUpRow, nowMs: number): Page {
  const status = order.status === 'pending' && !payable(order, nowMs) ? 'closed' : order.status;
  return page(
    'Alipay sandbox checkout',
    html`<p><strong>Sandbox payments — not real money.</strong> This page stands in for Alipay.</p>
      <dl>
        <dt>Order</dt>
        <dd data-testid="order">${order.id}</dd>
        <dt>Amount</dt>
        <dd data-testid="amount">${formatFen(order.amountFen)} CNY</dd>
        <dt>Status</dt>
        <dd data-testid="status">${order.status}</dd>
      </dl>
      ${
        status === 'pending'
          ? html`<form method="post" action="pay">
              <input type="hidden" name="orderId" value="${order.id}" />
              <p>
                <label>
                  <input type="checkbox" name="notification" value="lose" />
                  Lose the notification (to try reconciliation)
                </label>
              </p>
              <button type="submit">Pay</button>
            </form>`
          : status === 'paid'
            ? html`<p>This order is already paid.</p>`
            : html`<p>This order has closed.</p>`
      }`,
  );
}

/** A refusal page; `data-code` carries the domain code, as the API's errors do. */
function refusal(title: string, text: string, code: DomainErrorCode): Page {
  return page(title, html`<p class="error" data-code="${code}">${text}</p>`);
}

function page(title: string, body: Page): Page {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <link rel="stylesheet" href="/payments/sandbox/sandbox.css" />
      </head>
      <body>
        <h1>${title}</h1>
        ${body}
      </body>
    </html>`;
}
