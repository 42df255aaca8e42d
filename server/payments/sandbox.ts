/**
 * The local sandbox: a stand-in for Alipay that takes no money, for demos and tests. It
 * speaks Alipay's protocol with its own RSA2 key pairs — it signs notifies with the key that
 * plays Alipay, and the wallet verifies them with the same code as real ones — and it keeps
 * its own record of what was paid, so it can answer queries as Alipay would.
 *
 * Invariants:
 * - It runs only when configured by name (WALLET_PAYMENTS=sandbox), never under
 *   NODE_ENV=production (server/config.ts), and its pages serve only the signed-in admins of
 *   the order's account and operators (routes.ts).
 * - Its key pairs and its payments live in the database (`settings`), so every instance of a
 *   deployment signs, verifies and answers alike.
 * - Like Alipay after `time_expire`, it takes no payment for an order past its deadline, and
 *   a second payment of an order is the first one again (same trade number and amount).
 */
import { eq } from 'drizzle-orm';
import { fenToAmount } from '../../common/money.ts';
import type { Db } from '../../db/database.ts';
import { settings } from '../../db/schema/index.ts';
import { settingOrCreate } from '../settings.ts';
import {
  generateKeyPair,
  importPrivateKey,
  importPublicKey,
  shanghaiDateTime,
  signNotify,
} from './alipay.ts';
import { ALIPAY_PROTOCOL, checkAlipayNotify, type AlipayParty } from './alipayProvider.ts';
import type {
  Checkout,
  CheckoutRequest,
  NoticeCheck,
  OrderRef,
  OrderState,
  PaymentProvider,
} from './provider.ts';

export const SANDBOX_APP_ID = 'sandbox-app';
export const SANDBOX_SELLER_ID = 'sandbox-seller';

/** What the sandbox remembers of a payment it took. */
interface SandboxTrade {
  readonly tradeNo: string;
  readonly amount: string;
  readonly paidAtMs: number;
}

export class SandboxProvider implements PaymentProvider {
  readonly mode = 'sandbox';
  readonly channel = 'alipay_sandbox';
  readonly displayName = ALIPAY_PROTOCOL.displayName;
  readonly maxAmountFen = ALIPAY_PROTOCOL.maxAmountFen;
  readonly labels = ALIPAY_PROTOCOL.labels;
  readonly noticeReply = ALIPAY_PROTOCOL.noticeReply;

  private constructor(
    private readonly db: Db,
    private readonly party: AlipayParty,
    /** The key that plays Alipay: it signs the sandbox's notifies. */
    private readonly alipayPrivateKey: CryptoKey,
  ) {}

  /** The sandbox of this database, its key pairs created on first use. */
  static async open(db: Db): Promise<SandboxProvider> {
    const app = await keyPair(db, 'sandbox_app_keys');
    const platform = await keyPair(db, 'sandbox_alipay_keys');
    const party: AlipayParty = {
      appId: SANDBOX_APP_ID,
      sellerId: SANDBOX_SELLER_ID,
      appPrivateKey: await importPrivateKey(app.privateKeyPem),
      alipayPublicKey: await importPublicKey(platform.publicKeyPem),
    };
    return new SandboxProvider(db, party, await importPrivateKey(platform.privateKeyPem));
  }

  async createCheckout(request: CheckoutRequest): Promise<Checkout> {
    const orderId = encodeURIComponent(request.orderId);
    const pageUrl = `${request.baseUrl}/payments/sandbox/checkout?orderId=${orderId}`;
    return { pageUrl, qrCode: pageUrl };
  }

  verifyNotice(body: string): Promise<NoticeCheck> {
    return checkAlipayNotify(body, this.party);
  }

  async queryOrder(order: OrderRef): Promise<OrderState> {
    const trade = await this.tradeOf(order.orderId);
    if (!trade) return { status: 'unpaid' };
    return { status: 'paid', amount: trade.amount, providerRef: trade.tradeNo };
  }

  /**
   * Takes the payment of an order (once: paying again returns the first payment) and returns
   * the notify Alipay would send for it, signed, as a form body.
   */
  async pay(order: OrderRef, nowMs: number): Promise<string> {
    const fresh: SandboxTrade = {
      tradeNo: `SANDBOX${order.orderId.slice(1)}`,
      amount: fenToAmount(order.amountFen),
      paidAtMs: nowMs,
    };
    await this.db
      .insert(settings)
      .values({ key: tradeKey(order.orderId), value: JSON.stringify(fresh) })
      .onConflictDoNothing();
    const trade = (await this.tradeOf(order.orderId)) ?? fresh;
    const notify = await signNotify(
      {
        notify_time: shanghaiDateTime(nowMs),
        notify_type: 'trade_status_sync',
        notify_id: `sandbox-${order.orderId}-${nowMs}`,
        app_id: this.party.appId,
        charset: 'utf-8',
        version: '1.0',
        trade_no: trade.tradeNo,
        out_trade_no: order.orderId,
        seller_id: this.party.sellerId ?? '',
        total_amount: trade.amount,
        receipt_amount: trade.amount,
        trade_status: 'TRADE_SUCCESS',
        gmt_payment: shanghaiDateTime(trade.paidAtMs),
        subject: `Account Wallet top-up ${order.orderId}`,
      },
      this.alipayPrivateKey,
    );
    return new URLSearchParams(notify).toString();
  }

  private async tradeOf(orderId: string): Promise<SandboxTrade | null> {
    const row = await this.db.query.settings.findFirst({
      where: eq(settings.key, tradeKey(orderId)),
    });
    return row ? (JSON.parse(row.value) as SandboxTrade) : null;
  }
}

function tradeKey(orderId: string): string {
  return `sandbox_trade:${orderId}`;
}

async function keyPair(
  db: Db,
  key: string,
): Promise<{ privateKeyPem: string; publicKeyPem: string }> {
  const stored = await settingOrCreate(db, key, async () =>
    JSON.stringify(await generateKeyPair()),
  );
  return JSON.parse(stored) as { privateKeyPem: string; publicKeyPem: string };
}
