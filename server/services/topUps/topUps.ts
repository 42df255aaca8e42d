/**
 * Online top-up with Alipay.
 *
 * createTopUp records a pending order and returns the checkout: Alipay's signed page-pay URL
 * (in sandbox mode, the local checkout page), which is also what the QR code encodes. Cash
 * is credited only by a verified notify (see notify.ts), exactly once per order. Orders that
 * are never paid close after the configured timeout (the expiry job closes them; Alipay is
 * told the same deadline as `time_expire`).
 */
import { eq } from 'drizzle-orm';
import { DomainError } from '../../../common/errors.ts';
import { fieldIssue } from '../../../common/issues.ts';
import { amountToFen, fenToAmount } from '../../../common/money.ts';
import { topUpOrders } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { pagePayUrl } from '../../payments/alipay.ts';
import { gatewayOf } from '../../payments/gateway.ts';
import { customAlphabet } from 'nanoid';
import { accountNotFound, requireAccountRead, requireAccountWrite } from '../access.ts';

const orderNumber = customAlphabet('0123456789', 16);

/** Alipay takes at most 100,000,000.00 in one trade. */
const MAX_TOP_UP_FEN = 10_000_000_000;

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
  readonly checkout: {
    /** Open this page to pay. */
    readonly pageUrl: string;
    /** Encode this in the QR code shown next to the amount. */
    readonly qrCode: string;
  };
}

export async function createTopUp(
  ctx: ServiceContext,
  input: { accountId: string; amount: string },
): Promise<CreatedTopUp> {
  requireAccountWrite(ctx.actor, input.accountId);
  const amountFen = amountToFen(input.amount);
  if (amountFen > MAX_TOP_UP_FEN) {
    const issue = fieldIssue('amount', 'ABOVE_LIMIT', { maxAmount: fenToAmount(MAX_TOP_UP_FEN) });
    const reason = `${issue.message} in one Alipay payment`;
    throw new DomainError('VALIDATION', `amount: ${reason}`, [{ ...issue, message: reason }]);
  }
  const gateway = await gatewayOf(ctx);
  const nowMs = ctx.clock.nowMs();
  const row: TopUpRow = {
    id: `T${orderNumber()}`,
    accountId: input.accountId,
    amountFen,
    status: 'pending',
    channel: gateway.mode === 'alipay' ? 'alipay' : 'alipay_sandbox',
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
  const base = ctx.config.publicUrl ?? ctx.origin;
  const pageUrl =
    gateway.mode === 'alipay'
      ? await pagePayUrl(
          {
            gateway: gateway.gatewayUrl,
            appId: gateway.appId,
            notifyUrl: gateway.notifyUrl ?? `${base}/payments/alipay/notify`,
            ...(gateway.returnUrl ? { returnUrl: gateway.returnUrl } : {}),
            outTradeNo: row.id,
            totalAmount: fenToAmount(row.amountFen),
            subject: `Account Wallet top-up ${row.id}`,
            timeExpireMs: row.expiresAtMs,
            nowMs,
          },
          gateway.keys.appPrivateKey,
        )
      : `${base}/payments/sandbox/checkout?orderId=${encodeURIComponent(row.id)}`;
  return { ...topUpView(row), checkout: { pageUrl, qrCode: pageUrl } };
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
