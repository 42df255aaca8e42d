/**
 * Plain HTTP routes for payments: Alipay's asynchronous notify, and — in sandbox mode only —
 * the local checkout page that plays Alipay. The sandbox "Pay" button signs a notify with the
 * sandbox's Alipay key and hands it to the same handler a real notify reaches, so the whole
 * verify-and-credit path runs for real.
 */
import { Hono } from 'hono';
import { html } from 'hono/html';
import { eq } from 'drizzle-orm';
import type { DomainErrorCode } from '../../common/errors.ts';
import { fenToAmount, formatFen } from '../../common/money.ts';
import { topUpOrders } from '../../db/schema/index.ts';
import type { WalletDeps } from '../context.ts';
import { handleAlipayNotify } from '../services/topUps/notify.ts';
import { shanghaiDateTime, signNotify } from './alipay.ts';
import { gatewayOf } from './gateway.ts';

export function paymentRoutes(deps: WalletDeps): Hono {
  const routes = new Hono();

  routes.post('/alipay/notify', async (c) => {
    const form = parseForm(await c.req.text());
    // Anything unexpected answers `failure` too: Alipay then retries later.
    const outcome = form
      ? await handleAlipayNotify(deps, form).catch((error: unknown) => {
          console.error('[wallet] Alipay notify failed', error);
          return { ok: false as const, reason: 'error' };
        })
      : { ok: false as const, reason: 'form' };
    if (!outcome.ok) {
      console.warn(`[wallet] refused an Alipay notify: ${outcome.reason}`);
      return c.text('failure', 400);
    }
    // Alipay stops retrying only on exactly this body.
    return c.text('success');
  });

  routes.get('/sandbox/checkout', async (c) => {
    if (deps.config.alipay) return c.notFound();
    const order = await findOrder(deps, c.req.query('orderId') ?? '');
    if (!order) return c.html(unknownOrder(), 404);
    return c.html(checkoutPage(order));
  });

  routes.post('/sandbox/pay', async (c) => {
    if (deps.config.alipay) return c.notFound();
    const body = parseForm(await c.req.text());
    const order = await findOrder(deps, body?.['orderId'] ?? '');
    if (!order) return c.html(unknownOrder(), 404);
    // Like Alipay after `time_expire`, the sandbox takes no payment for a closed order.
    if (order.status === 'closed') {
      return c.html(refusal('Order closed', 'This order has closed.', 'ORDER_NOT_OPEN'), 409);
    }
    const gateway = await gatewayOf(deps);
    const signer = gateway.sandboxAlipayPrivateKey;
    if (!signer) return c.notFound();
    const nowMs = deps.clock.nowMs();
    const notify = await signNotify(
      {
        notify_time: shanghaiDateTime(nowMs),
        notify_type: 'trade_status_sync',
        notify_id: `sandbox-${order.id}-${nowMs}`,
        app_id: gateway.appId,
        charset: 'utf-8',
        version: '1.0',
        trade_no: `SANDBOX${order.id.slice(1)}`,
        out_trade_no: order.id,
        seller_id: gateway.sellerId ?? '',
        total_amount: fenToAmount(order.amountFen),
        receipt_amount: fenToAmount(order.amountFen),
        trade_status: 'TRADE_SUCCESS',
        gmt_payment: shanghaiDateTime(nowMs),
        subject: `Account Wallet top-up ${order.id}`,
      },
      signer,
    );
    const outcome = await handleAlipayNotify(deps, notify);
    if (!outcome.ok) return c.html(page('Payment failed', html`<p>${outcome.reason}</p>`), 400);
    return c.html(
      page(
        'Paid',
        html`<p data-testid="paid">Paid ${formatFen(order.amountFen)} CNY for order ${order.id}.</p>
          <p>You can close this page; the wallet has been credited.</p>`,
      ),
    );
  });

  return routes;
}

/** A form body as a plain record; null if a field repeats (never the case for Alipay). */
function parseForm(body: string): Record<string, string> | null {
  const params = new URLSearchParams(body);
  const form: Record<string, string> = {};
  for (const [key, value] of params) {
    if (key in form) return null;
    form[key] = value;
  }
  return form;
}

async function findOrder(deps: WalletDeps, orderId: string) {
  if (orderId === '') return undefined;
  return deps.database.db.query.topUpOrders.findFirst({ where: eq(topUpOrders.id, orderId) });
}

function checkoutPage(order: typeof topUpOrders.$inferSelect) {
  const payable = order.status === 'pending';
  return page(
    'Alipay sandbox checkout',
    html`<p>This is the local sandbox standing in for Alipay. No real money moves.</p>
      <dl>
        <dt>Order</dt>
        <dd data-testid="order">${order.id}</dd>
        <dt>Amount</dt>
        <dd data-testid="amount">${formatFen(order.amountFen)} CNY</dd>
        <dt>Status</dt>
        <dd data-testid="status">${order.status}</dd>
      </dl>
      ${
        payable
          ? html`<form method="post" action="pay">
              <input type="hidden" name="orderId" value="${order.id}" />
              <button type="submit">Pay</button>
            </form>`
          : order.status === 'paid'
            ? html`<p>This order is already paid.</p>`
            : html`<p>This order has closed.</p>`
      }`,
  );
}

function unknownOrder() {
  return refusal('Unknown order', 'No such top-up order.', 'TOP_UP_NOT_FOUND');
}

/** A refusal page; `data-code` carries the domain code, as the API's errors do. */
function refusal(title: string, text: string, code: DomainErrorCode) {
  return page(title, html`<p class="error" data-code="${code}">${text}</p>`);
}

function page(title: string, body: ReturnType<typeof html>) {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <style>
          body {
            font:
              16px/1.5 system-ui,
              sans-serif;
            max-width: 28rem;
            margin: 3rem auto;
            padding: 0 1rem;
          }
          button {
            font: inherit;
            padding: 0.6rem 1.6rem;
            background: #1677ff;
            color: #fff;
            border: 0;
            border-radius: 6px;
          }
          dt {
            color: #666;
          }
          dd {
            margin: 0 0 0.5rem;
            font-weight: 600;
          }
        </style>
      </head>
      <body>
        <h1>${title}</h1>
        ${body}
      </body>
    </html>`;
}
