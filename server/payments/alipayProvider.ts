/**
 * Alipay as a PaymentProvider: the signed page-pay checkout, the RSA2-verified asynchronous
 * notify, and `alipay.trade.query` for reconciliation. Every Alipay field name the wallet
 * knows lives here and in the protocol modules beside it (alipay.ts, alipayApi.ts).
 *
 * The notify and query readers are shared with the local sandbox, which speaks Alipay's
 * protocol with its own keys (sandbox.ts).
 */
import type { AlipayConfig } from '../config.ts';
import type { Clock } from '../clock.ts';
import { fenToAmount } from '../../common/money.ts';
import { pagePayUrl, verifyNotify } from './alipay.ts';
import { signedApiCall, verifiedApiResponse } from './alipayApi.ts';
import {
  PaymentProviderUnavailable,
  type Checkout,
  type CheckoutRequest,
  type NoticeCheck,
  type OrderRef,
  type OrderState,
  type PaymentProvider,
} from './provider.ts';

/** Who we are to Alipay, and the keys of both sides. */
export interface AlipayParty {
  readonly appId: string;
  /** Our merchant id (PID); notifies for another seller are refused when it is set. */
  readonly sellerId: string | undefined;
  readonly appPrivateKey: CryptoKey;
  readonly alipayPublicKey: CryptoKey;
}

/** Alipay takes at most 100,000,000.00 in one trade. */
const MAX_AMOUNT_FEN = 10_000_000_000;
const PAID_STATUSES = new Set(['TRADE_SUCCESS', 'TRADE_FINISHED']);
const QUERY_METHOD = 'alipay.trade.query';
const QUERY_TIMEOUT_MS = 10_000;
/** A trade.query answer is a few hundred bytes; anything near this is not one. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/** The parts of a provider that are the same for Alipay and the sandbox that plays it. */
export const ALIPAY_PROTOCOL = {
  displayName: 'Alipay',
  maxAmountFen: MAX_AMOUNT_FEN,
  labels: { order: 'out_trade_no', amount: 'total_amount' },
  // Alipay stops retrying only on exactly `success`.
  noticeReply: (accepted: boolean) =>
    accepted
      ? { status: 200 as const, body: 'success' }
      : { status: 400 as const, body: 'failure' },
} as const;

export class AlipayProvider implements PaymentProvider {
  readonly mode = 'alipay';
  readonly channel = 'alipay';
  readonly displayName = ALIPAY_PROTOCOL.displayName;
  readonly maxAmountFen = ALIPAY_PROTOCOL.maxAmountFen;
  readonly labels = ALIPAY_PROTOCOL.labels;
  readonly noticeReply = ALIPAY_PROTOCOL.noticeReply;

  constructor(
    private readonly config: AlipayConfig,
    private readonly party: AlipayParty,
    private readonly clock: Clock,
  ) {}

  async createCheckout(request: CheckoutRequest): Promise<Checkout> {
    const pageUrl = await pagePayUrl(
      {
        gateway: this.config.gateway,
        appId: this.party.appId,
        notifyUrl: this.config.notifyUrl,
        ...(this.config.returnUrl ? { returnUrl: this.config.returnUrl } : {}),
        outTradeNo: request.orderId,
        totalAmount: fenToAmount(request.amountFen),
        subject: `Account Wallet top-up ${request.orderId}`,
        timeExpireMs: request.expiresAtMs,
        nowMs: request.nowMs,
      },
      this.party.appPrivateKey,
    );
    return { pageUrl, qrCode: pageUrl };
  }

  verifyNotice(body: string): Promise<NoticeCheck> {
    return checkAlipayNotify(body, this.party);
  }

  queryOrder(order: OrderRef): Promise<OrderState> {
    return queryAlipayTrade(this.config.gateway, this.party, order, this.clock.nowMs());
  }
}

/**
 * Alipay's asynchronous notify, checked in this order: a well-formed form (no repeated
 * field), the RSA2 signature, our app id, our seller id (when we have one). The order number
 * and amount are the service's to check against the order.
 */
export async function checkAlipayNotify(body: string, party: AlipayParty): Promise<NoticeCheck> {
  const form = parseForm(body);
  if (!form) return { ok: false, reason: 'form' };
  if (!(await verifyNotify(form, party.alipayPublicKey))) return { ok: false, reason: 'signature' };
  if (form['app_id'] !== party.appId) return { ok: false, reason: 'app_id' };
  if (party.sellerId && form['seller_id'] !== party.sellerId) {
    return { ok: false, reason: 'seller_id' };
  }
  return {
    ok: true,
    notice: {
      orderId: form['out_trade_no'] ?? '',
      amount: form['total_amount'] ?? '',
      paid: PAID_STATUSES.has(form['trade_status'] ?? ''),
      providerRef: form['trade_no'] || null,
    },
  };
}

/** A form body as a plain record; null if a field repeats (Alipay never repeats one). */
export function parseForm(body: string): Record<string, string> | null {
  const form: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    if (Object.hasOwn(form, key)) return null;
    form[key] = value;
  }
  return form;
}

/**
 * `alipay.trade.query` by our order number. Paid, waiting or unpaid as Alipay states it in a
 * response signed with its key; anything else — no answer, an error status, a signature that
 * fails, an answer about another order — throws, so nothing is credited or closed on it.
 */
export async function queryAlipayTrade(
  gateway: string,
  party: AlipayParty,
  order: OrderRef,
  nowMs: number,
): Promise<OrderState> {
  const call = await signedApiCall(
    {
      gateway,
      appId: party.appId,
      method: QUERY_METHOD,
      bizContent: { out_trade_no: order.orderId },
      nowMs,
    },
    party.appPrivateKey,
  );
  const raw = await post(call.url, call.body);
  const data = await verifiedApiResponse(raw, QUERY_METHOD, party.alipayPublicKey);
  if (!data) throw new PaymentProviderUnavailable('the trade.query answer is not signed by Alipay');
  return tradeState(data, order);
}

function tradeState(data: Record<string, unknown>, order: OrderRef): OrderState {
  const { code, sub_code: subCode } = data;
  if (code === '40004' && subCode === 'ACQ.TRADE_NOT_EXIST') return { status: 'unpaid' };
  if (code !== '10000') {
    throw new PaymentProviderUnavailable(`Alipay answered ${String(code)} ${String(subCode)}`);
  }
  if (data['out_trade_no'] !== order.orderId) {
    throw new PaymentProviderUnavailable('Alipay answered about another order');
  }
  const status = data['trade_status'];
  if (typeof status === 'string' && PAID_STATUSES.has(status)) {
    const amount = data['total_amount'];
    const tradeNo = data['trade_no'];
    return {
      status: 'paid',
      amount: typeof amount === 'string' ? amount : '',
      providerRef: typeof tradeNo === 'string' && tradeNo !== '' ? tradeNo : null,
    };
  }
  if (status === 'WAIT_BUYER_PAY') return { status: 'waiting' };
  if (status === 'TRADE_CLOSED') return { status: 'unpaid' };
  throw new PaymentProviderUnavailable(`unknown trade_status ${String(status)}`);
}

async function post(url: string, body: URLSearchParams): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded;charset=utf-8',
        accept: 'application/json',
      },
      body,
      signal: AbortSignal.timeout(QUERY_TIMEOUT_MS),
    });
  } catch (error) {
    throw new PaymentProviderUnavailable('the Alipay gateway did not answer', { cause: error });
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new PaymentProviderUnavailable(`the Alipay gateway answered HTTP ${response.status}`);
  }
  return readCapped(response);
}

/** The body as text, refusing one larger than MAX_RESPONSE_BYTES without reading it all. */
async function readCapped(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_RESPONSE_BYTES) {
      await reader.cancel();
      throw new PaymentProviderUnavailable('the Alipay gateway answered too much');
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(all);
  } catch (error) {
    throw new PaymentProviderUnavailable('the Alipay gateway answered no UTF-8', { cause: error });
  }
}
