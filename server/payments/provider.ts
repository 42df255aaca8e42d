/**
 * The seam between top-ups and whoever takes the money. A provider creates the checkout for
 * an order, verifies and reads a notification, and answers what it knows about an order; the
 * top-up services see only the shapes below, never a provider's field names.
 *
 * Invariants every provider keeps:
 * - Nothing it returns is believed unless it is authenticated: a notification whose signature
 *   fails is refused, and a query answer that cannot be verified throws
 *   PaymentProviderUnavailable rather than say anything about the order.
 * - Amounts cross this seam as decimal strings, as the provider stated them; the services
 *   parse and compare them with the order.
 * - A provider never writes to the wallet: crediting is the services' job, keyed by the order
 *   so a notification and a reconciliation racing credit once.
 */

/** The two providers; `off` (not configured) has no provider at all. */
export type PaymentMode = 'alipay' | 'sandbox';

/** What `top_up_orders.channel` records for an order created with a provider. */
export type PaymentChannel = 'alipay' | 'alipay_sandbox';

export interface CheckoutRequest {
  readonly orderId: string;
  readonly amountFen: number;
  /** The order closes at this instant; the provider is told so where it can be. */
  readonly expiresAtMs: number;
  readonly nowMs: number;
  /** This server's public base URL, for pages and notifications that come back here. */
  readonly baseUrl: string;
}

export interface Checkout {
  /** Open this page to pay. */
  readonly pageUrl: string;
  /** Encode this in the QR code shown next to the amount. */
  readonly qrCode: string;
}

/** A notification the provider has verified, in the wallet's terms. */
export interface PaymentNotice {
  readonly orderId: string;
  /** Decimal string as the provider sent it; checked against the order by the service. */
  readonly amount: string;
  /** True only for a completed payment; other notifications are acknowledged and ignored. */
  readonly paid: boolean;
  /** The provider's own id of the payment, kept on the order. */
  readonly providerRef: string | null;
}

export type NoticeCheck =
  | { readonly ok: true; readonly notice: PaymentNotice }
  | { readonly ok: false; readonly reason: string };

/**
 * What the provider says about one order when asked:
 * - `paid`: the money was taken (amount and the provider's id as it states them);
 * - `waiting`: the payment is open and may still complete;
 * - `unpaid`: closed without payment, or never started — nothing will be taken any more
 *   once the order's deadline has passed.
 */
export type OrderState =
  | { readonly status: 'paid'; readonly amount: string; readonly providerRef: string | null }
  | { readonly status: 'waiting' }
  | { readonly status: 'unpaid' };

export interface OrderRef {
  readonly orderId: string;
  readonly amountFen: number;
}

export interface PaymentProvider {
  readonly mode: PaymentMode;
  readonly channel: PaymentChannel;
  /** How people call it ("Alipay"), for messages. */
  readonly displayName: string;
  /** The most one payment may be, in fen. */
  readonly maxAmountFen: number;
  /** The provider's names of the order number and the amount, for refusal logs. */
  readonly labels: { readonly order: string; readonly amount: string };

  createCheckout(request: CheckoutRequest): Promise<Checkout>;
  /** Verifies a raw notification body; never throws on anything the sender controls. */
  verifyNotice(body: string): Promise<NoticeCheck>;
  /** The reply the provider expects, so it stops (accepted) or retries (refused). */
  noticeReply(accepted: boolean): { readonly status: 200 | 400; readonly body: string };
  /** Asks the provider about one order. Throws PaymentProviderUnavailable if it cannot tell. */
  queryOrder(order: OrderRef): Promise<OrderState>;
}

/** The provider could not be asked, or its answer could not be trusted. */
export class PaymentProviderUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PaymentProviderUnavailable';
  }
}
