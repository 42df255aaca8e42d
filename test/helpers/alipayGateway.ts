/**
 * A stand-in for Alipay's OpenAPI gateway: a real HTTP server on an ephemeral loopback port
 * (point ALIPAY_GATEWAY at `url`). It answers `alipay.trade.query` as Alipay does — the
 * `alipay_trade_query_response` JSON text signed with "Alipay's" private key — from the
 * trades a test sets, and refuses requests whose RSA2 signature does not verify with the
 * app's public key. A test can spoil its answers to see that spoiled answers change nothing.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  importPrivateKey,
  importPublicKey,
  rsa2Sign,
  rsa2Verify,
  signingContent,
} from '../../server/payments/alipay.ts';

export type TradeStatus = 'WAIT_BUYER_PAY' | 'TRADE_SUCCESS' | 'TRADE_FINISHED' | 'TRADE_CLOSED';

export interface Trade {
  readonly status: TradeStatus;
  /** As Alipay writes it: "88.88". */
  readonly amount: string;
}

/**
 * How answers are spoiled: `altered` changes a signed WAIT_BUYER_PAY into TRADE_SUCCESS after
 * signing; `stranger` signs with a key Alipay does not hold; `unsigned` drops the signature;
 * `down` answers HTTP 502.
 */
export type Spoil = 'none' | 'altered' | 'stranger' | 'unsigned' | 'down';

export interface QueryRecord {
  readonly method: string | null;
  readonly outTradeNo: string | null;
  readonly signatureValid: boolean;
}

export interface FakeAlipay {
  /** The gateway URL, e.g. http://127.0.0.1:40123/gateway.do */
  readonly url: string;
  setTrade(orderId: string, trade: Trade | null): void;
  spoil(how: Spoil): void;
  /** Every query received, in order. */
  readonly queries: QueryRecord[];
  stop(): Promise<void>;
}

export async function startFakeAlipay(keys: {
  /** The app's public key: requests must be signed with its private half. */
  readonly appPublicKeyPem: string;
  /** The key that plays Alipay's: answers are signed with it. */
  readonly alipayPrivateKeyPem: string;
  /** A key nobody configured, for `stranger` answers. */
  readonly strangerPrivateKeyPem: string;
}): Promise<FakeAlipay> {
  const appPublicKey = await importPublicKey(keys.appPublicKeyPem);
  const alipayKey = await importPrivateKey(keys.alipayPrivateKeyPem);
  const strangerKey = await importPrivateKey(keys.strangerPrivateKeyPem);
  const trades = new Map<string, Trade>();
  const queries: QueryRecord[] = [];
  let spoil: Spoil = 'none';

  const server = createServer((request, response) => {
    void (async () => {
      const params = await requestParams(request);
      const signatureValid = await verifyRequest(params, appPublicKey);
      const biz = JSON.parse(params['biz_content'] ?? '{}') as { out_trade_no?: string };
      queries.push({
        method: params['method'] ?? null,
        outTradeNo: biz.out_trade_no ?? null,
        signatureValid,
      });
      if (spoil === 'down') {
        response.writeHead(502).end('bad gateway');
        return;
      }
      const answer = signatureValid
        ? tradeAnswer(biz.out_trade_no ?? '', trades)
        : {
            code: '40002',
            msg: 'Invalid Arguments',
            sub_code: 'isv.invalid-signature',
            sub_msg: '验签出错',
          };
      const body = await signedBody(answer, spoil, spoil === 'stranger' ? strangerKey : alipayKey);
      response.writeHead(200, { 'content-type': 'text/html;charset=utf-8' }).end(body);
    })().catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/gateway.do`,
    setTrade: (orderId, trade) => {
      if (trade) trades.set(orderId, trade);
      else trades.delete(orderId);
    },
    spoil: (how) => {
      spoil = how;
    },
    queries,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** What Alipay answers about `orderId`, before signing. */
function tradeAnswer(orderId: string, trades: ReadonlyMap<string, Trade>): object {
  const trade = trades.get(orderId);
  if (!trade) {
    return {
      code: '40004',
      msg: 'Business Failed',
      sub_code: 'ACQ.TRADE_NOT_EXIST',
      sub_msg: '交易不存在',
      out_trade_no: orderId,
    };
  }
  return {
    code: '10000',
    msg: 'Success',
    trade_no: `2026${orderId.slice(1)}`,
    out_trade_no: orderId,
    buyer_logon_id: '159****5620',
    trade_status: trade.status,
    total_amount: trade.amount,
    buyer_pay_amount: trade.status === 'WAIT_BUYER_PAY' ? '0.00' : trade.amount,
    send_pay_date: '2026-11-10 12:01:00',
  };
}

/** `{"alipay_trade_query_response":{…},"sign":"…"}` with the member's exact text signed. */
async function signedBody(answer: object, spoil: Spoil, key: CryptoKey): Promise<string> {
  const inner = JSON.stringify(answer);
  const sign = await rsa2Sign(inner, key);
  const shown = spoil === 'altered' ? inner.replace('WAIT_BUYER_PAY', 'TRADE_SUCCESS') : inner;
  if (spoil === 'unsigned') return `{"alipay_trade_query_response":${shown}}`;
  return `{"alipay_trade_query_response":${shown},"sign":"${sign}"}`;
}

/** The URL's protocol parameters and the form body's, together. */
async function requestParams(request: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const url = new URL(request.url ?? '/', 'http://gateway');
  const params: Record<string, string> = Object.fromEntries(url.searchParams);
  for (const [key, value] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) {
    params[key] = value;
  }
  return params;
}

/** Alipay's check of a request: `sign` over every other parameter, sign_type included. */
async function verifyRequest(
  params: Readonly<Record<string, string>>,
  appPublicKey: CryptoKey,
): Promise<boolean> {
  if (params['sign_type'] !== 'RSA2') return false;
  return rsa2Verify(signingContent(params), params['sign'] ?? '', appPublicKey);
}
