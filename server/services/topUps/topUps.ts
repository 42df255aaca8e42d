/**
 * Online top-up through the deployment's payment provider (server/payments/).
 *
 * createTopUp records a pending order and returns the provider's checkout (Alipay's signed
 * page-pay URL, or the local sandbox page), which is also what the QR code encodes. Cash is
 * credited only when the provider reports the payment — by its notification (notify.ts) or
 * when asked (reconcile.ts) — exactly once per order. Orders never paid close after the
 * configured timeout, once the provider confirms they were not paid.
 *
 * Without a provider (nothing configured) online top-up is refused with
 * PAYMENTS_NOT_CONFIGURED before anything is stored; there is no fallback to the sandbox.
 */
import { eq } from 'drizzle-orm';
import { DomainError } from '../../../common/errors.ts';
import { fieldIssue } from '../../../common/issues.ts';
import { amountToFen, fenToAmount } from '../../../common/money.ts';
import { topUpOrders } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import type { Checkout, PaymentProvider } from '../../payments/provider.ts';
import { paymentProviderOf } from '../../payments/providers.ts';
import { customAlphabet } from 'nanoid';
import { accountNotFound, requireAccountRead, requireAccountWrite } from '../access.ts';

const orderNumber = customAlphabet('0123456789', 16);

type TopUpRow = typeof topUpOrders.$inferSelect;

export interface TopUpView {
  readonly orderId: string;
  readonly accountId: string;
  readonly amount: string;
  readonly status: TopUpRow['status'];
  readonly channel: TopUpRow['channel'];
  readonly createdAtMs: number;
  readonly expiresAtMs: number;
  readonly paidAtMs: number | null;
}

export interface CreatedTopUp extends TopUpView {
  readonly checkout: Checkout;
}

/** The provider, or PAYMENTS_NOT_CONFIGURED. */
export async function requireProvider(ctx: ServiceContext): Promise<PaymentProvider> {
  const provider = await paymentProviderOf(ctx);
  if (!provider) {
    throw new DomainError(
      'PAYMENTS_NOT_CONFIGURED',
      'online top-up is not configured on this server; pay by bank transfer, or ask the ' +
        'operator to configure Alipay',
    );
  }
  return provider;
}

export async function createTopUp(
  ctx: ServiceContext,
  input: { accountId: string; amount: string },
): Promise<CreatedTopUp> {
  requireAccountWrite(ctx.actor, input.accountId);
  const provider = await requireProvider(ctx);
  const amountFen = amountToFen(input.amount);
  if (amountFen > provider.maxAmountFen) {
    const issue = fieldIssue('amount', 'ABOVE_LIMIT', {
      maxAmount: fenToAmount(provider.maxAmountFen),
    });
    const reason = `${issue.message} in one ${provider.displayName} payment`;
    throw new DomainError('VALIDATION', `amount: ${reason}`, [{ ...issue, message: reason }]);
  }
  const nowMs = ctx.clock.nowMs();
  const row: TopUpRow = {
    id: `T${orderNumber()}`,
    accountId: input.accountId,
    amountFen,
    status: 'pending',
    channel: provider.channel,
    createdAtMs: nowMs,
    expiresAtMs: nowMs + ctx.config.topUpTimeoutMs,
    paidAtMs: null,
    closedAtMs: null,
    tradeNo: null,
  };
  const account = await ctx.database.db.query.accounts.findFirst({
    where: (accounts, { eq: equals }) => equals(accounts.id, input.accountId),
    columns: { id: true },
  });
  if (!account) throw accountNotFound(input.accountId);
  await ctx.database.db.insert(topUpOrders).values(row);
  const checkout = await provider.createCheckout({
    orderId: row.id,
    amountFen: row.amountFen,
    expiresAtMs: row.expiresAtMs,
    nowMs,
    baseUrl: ctx.config.publicUrl ?? ctx.origin,
  });
  return { ...topUpView(row), checkout };
}

export async function getTopUp(ctx: ServiceContext, orderId: string): Promise<TopUpView> {
  const row = await ctx.database.db.query.topUpOrders.findFirst({
    where: eq(topUpOrders.id, orderId),
  });
  if (!row) {
    throw new DomainError('TOP_UP_NOT_FOUND', `no top-up order ${orderId}`, [], { orderId });
  }
  requireAccountRead(ctx.actor, row.accountId);
  return topUpView(row);
}

export function topUpView(row: TopUpRow): TopUpView {
  return {
    orderId: row.id,
    accountId: row.accountId,
    amount: fenToAmount(row.amountFen),
    status: row.status,
    channel: row.channel,
    createdAtMs: row.createdAtMs,
    expiresAtMs: row.expiresAtMs,
    paidAtMs: row.paidAtMs,
  };
}
