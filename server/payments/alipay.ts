/**
 * Alipay's OpenAPI 2.0 protocol, as far as online top-up needs it: RSA2 keys, the signing
 * content, the signed alipay.trade.page.pay URL, and signing and verifying the asynchronous
 * notify (the sandbox signs what production verifies, with the same code).
 *
 * Invariants:
 * - Pure and Web-Crypto-only (`crypto.subtle`, `TextEncoder`, `btoa`/`atob`, `URL`): the same
 *   module runs on Node 20 and Cloudflare Workers, and nothing here does I/O or reads a clock.
 * - RSA2 only: SHA256withRSA (RSASSA-PKCS1-v1_5 over SHA-256) on the UTF-8 bytes of the
 *   content. Keys of any other algorithm or hash are refused rather than used, and a notify
 *   that claims `sign_type` RSA (SHA1withRSA) is rejected, never downgraded to.
 * - The signing content follows Alipay's rule (opendocs.alipay.com/common/02kf5q, and
 *   `AlipaySignature.getSignContent` / `rsaCheckV1` in Alipay's Java SDK): every parameter
 *   but `sign` (and, for the notify, `sign_type`), empty values dropped, sorted by key in
 *   code-unit order, joined as `k=v&k=v` with the raw values (no URL encoding).
 * - `verifyNotify` never throws on anything an attacker controls; it answers false.
 */
import { parseAmountFen } from '../../common/money.ts';
import { bytesToBase64, base64ToBytes, derToPem, privateKeyDer, publicKeyDer } from './pem.ts';

/** The production gateway. */
export const ALIPAY_GATEWAY = 'https://openapi.alipay.com/gateway.do';
/** The gateway of Alipay's own developer sandbox (not our local sandbox). */
export const ALIPAY_SANDBOX_GATEWAY = 'https://openapi-sandbox.dl.alipaydev.com/gateway.do';

export interface AlipayKeys {
  readonly appPrivateKey: CryptoKey;
  readonly alipayPublicKey: CryptoKey;
}

const RSA2: RsaHashedImportParams = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
const utf8 = new TextEncoder();

// ---------------------------------------------------------------------------------------------
// Keys

/**
 * PEM or bare base64; PKCS#8 or PKCS#1 ("BEGIN RSA PRIVATE KEY" / bare base64 of PKCS#1)
 * private keys. The key is not extractable: nothing after import needs its bytes again.
 */
export async function importPrivateKey(pemOrBase64: string): Promise<CryptoKey> {
  const { der } = privateKeyDer(pemOrBase64);
  return crypto.subtle.importKey('pkcs8', der, RSA2, false, ['sign']);
}

/** SPKI public keys (PEM or bare base64, as Alipay's console shows them); PKCS#1 also works. */
export async function importPublicKey(pemOrBase64: string): Promise<CryptoKey> {
  const { der } = publicKeyDer(pemOrBase64);
  return crypto.subtle.importKey('spki', der, RSA2, true, ['verify']);
}

/** A fresh 2048-bit RSA2 key pair as PKCS#8 / SPKI PEM, e.g. for the local sandbox. */
export async function generateKeyPair(): Promise<{
  privateKeyPem: string;
  publicKeyPem: string;
}> {
  const pair = await crypto.subtle.generateKey(
    { ...RSA2, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
    true,
    ['sign', 'verify'],
  );
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', pair.privateKey);
  const spki = await crypto.subtle.exportKey('spki', pair.publicKey);
  return {
    privateKeyPem: derToPem(new Uint8Array(pkcs8), 'PRIVATE KEY'),
    publicKeyPem: derToPem(new Uint8Array(spki), 'PUBLIC KEY'),
  };
}

/** Refuses keys that would silently produce something other than an RSA2 signature. */
function assertRsa2Key(key: CryptoKey, usage: KeyUsage): void {
  const algorithm = key.algorithm as Partial<RsaHashedKeyAlgorithm>;
  const isRsa2 = algorithm.name === 'RSASSA-PKCS1-v1_5' && algorithm.hash?.name === 'SHA-256';
  if (!isRsa2 || !key.usages.includes(usage)) {
    throw new TypeError(`expected an RSASSA-PKCS1-v1_5 SHA-256 key usable to ${usage}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Signing content and signatures

/**
 * The string Alipay signs: params sorted by key (ASCII), `k=v` joined by `&`, skipping `sign`,
 * empty/undefined values, and — for notify verification — `sign_type`.
 */
export function signingContent(
  params: Readonly<Record<string, string | undefined>>,
  options?: { omitSignType?: boolean },
): string {
  const omitted = options?.omitSignType === true ? ['sign', 'sign_type'] : ['sign'];
  const pairs: [string, string][] = [];
  for (const [key, value] of Object.entries(params)) {
    // Java's SDK keeps a parameter only if both key and value are non-empty; so does Alipay.
    if (key === '' || value === undefined || value === '' || omitted.includes(key)) continue;
    pairs.push([key, value]);
  }
  // Code-unit order is what Java's TreeMap and JavaScript's default sort both use.
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return pairs.map(([key, value]) => `${key}=${value}`).join('&');
}

/** Base64 SHA256withRSA of the UTF-8 bytes of `content`. */
export async function rsa2Sign(content: string, privateKey: CryptoKey): Promise<string> {
  assertRsa2Key(privateKey, 'sign');
  const signature = await crypto.subtle.sign(RSA2.name, privateKey, utf8.encode(content));
  return bytesToBase64(new Uint8Array(signature));
}

/** False (never throws) on a malformed signature; throws only if the key is not an RSA2 key. */
export async function rsa2Verify(
  content: string,
  signatureBase64: string,
  publicKey: CryptoKey,
): Promise<boolean> {
  assertRsa2Key(publicKey, 'verify');
  let signature: Uint8Array<ArrayBuffer>;
  try {
    signature = base64ToBytes(signatureBase64);
  } catch {
    return false;
  }
  try {
    return await crypto.subtle.verify(RSA2.name, publicKey, signature, utf8.encode(content));
  } catch {
    // Some runtimes throw rather than answer false on a signature of the wrong length.
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// The asynchronous notify

/**
 * Alipay's asynchronous notify (form fields as received, already URL-decoded): true only if
 * `sign` verifies over the fields minus sign and sign_type, and sign_type is RSA2.
 *
 * Alipay's Node SDK (`checkNotifySign`) is laxer in three ways we deliberately are not: it
 * takes the algorithm from the notify's own `sign_type` (so "RSA" means SHA1), it also accepts
 * a signature over the content *with* sign_type (the `rsaCheckV2` rule), and its V1 variant
 * URL-decodes values a second time. Alipay signs notifies by the `rsaCheckV1` rule.
 */
export async function verifyNotify(
  form: Readonly<Record<string, string>>,
  alipayPublicKey: CryptoKey,
): Promise<boolean> {
  const sign = form['sign'];
  if (form['sign_type'] !== 'RSA2' || typeof sign !== 'string' || sign === '') return false;
  // A body parser may hand over repeated fields as arrays or uploads as files; such a form was
  // never signed by Alipay, and stringifying it could only produce a misleading content.
  if (!Object.values(form).every((value) => typeof value === 'string')) return false;
  const content = signingContent(form, { omitSignType: true });
  return rsa2Verify(content, sign, alipayPublicKey);
}

/**
 * Signs a notify the way Alipay does (used by the local sandbox): returns the form with
 * sign_type=RSA2 and sign added. Any sign or sign_type already present is replaced, and
 * empty fields are left out: Alipay does not send them, and Alipay's Node SDK, unlike the
 * Java one, would count them in the content and fail to verify.
 */
export async function signNotify(
  form: Readonly<Record<string, string>>,
  privateKey: CryptoKey,
): Promise<Record<string, string>> {
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(form)) {
    if (key !== 'sign' && key !== 'sign_type' && key !== '' && value !== '') fields[key] = value;
  }
  const sign = await rsa2Sign(signingContent(fields), privateKey);
  return { ...fields, sign_type: 'RSA2', sign };
}

// ---------------------------------------------------------------------------------------------
// alipay.trade.page.pay

export interface PagePayRequest {
  /** E.g. ALIPAY_GATEWAY; any query string it carries is replaced by the signed one. */
  readonly gateway: string;
  readonly appId: string;
  readonly notifyUrl: string;
  readonly returnUrl?: string;
  readonly outTradeNo: string;
  /** "12.34" — a decimal string, never a float; 0.01 to 100000000 with at most two decimals. */
  readonly totalAmount: string;
  /** Alipay's docs ask that the subject avoid "/", "=" and "&"; it is signed as given. */
  readonly subject: string;
  /** Epoch ms; becomes biz_content.time_expire "yyyy-MM-dd HH:mm:ss" in Asia/Shanghai. */
  readonly timeExpireMs: number;
  /** Becomes the `timestamp` param "yyyy-MM-dd HH:mm:ss" in Asia/Shanghai. */
  readonly nowMs: number;
}

const PAGE_PAY_METHOD = 'alipay.trade.page.pay';
const MAX_AMOUNT_FEN = 100_000_000 * 100;

/**
 * The signed GET URL for alipay.trade.page.pay (product_code FAST_INSTANT_TRADE_PAY), params:
 * app_id, method, format=JSON, charset=utf-8, sign_type=RSA2, timestamp, version=1.0,
 * notify_url, return_url (if any), biz_content (JSON), sign.
 */
export async function pagePayUrl(
  request: PagePayRequest,
  appPrivateKey: CryptoKey,
): Promise<string> {
  assertAmount(request.totalAmount);
  // Field order follows Alipay's documentation; it is part of the signed bytes, not a choice
  // Alipay cares about, but a fixed order keeps the URL reproducible.
  const bizContent = JSON.stringify({
    out_trade_no: request.outTradeNo,
    total_amount: request.totalAmount,
    subject: request.subject,
    product_code: 'FAST_INSTANT_TRADE_PAY',
    time_expire: shanghaiDateTime(request.timeExpireMs),
  });
  const params: Record<string, string | undefined> = {
    app_id: request.appId,
    method: PAGE_PAY_METHOD,
    format: 'JSON',
    charset: 'utf-8',
    sign_type: 'RSA2',
    timestamp: shanghaiDateTime(request.nowMs),
    version: '1.0',
    notify_url: request.notifyUrl,
    return_url: request.returnUrl,
    biz_content: bizContent,
  };
  const sign = await rsa2Sign(signingContent(params), appPrivateKey);
  const url = new URL(request.gateway);
  // Only signed parameters go on the URL, so a leftover "?charset=utf-8" from older docs
  // cannot sit there unsigned (or conflict with the signed value).
  url.search = '';
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') url.searchParams.set(key, value);
  }
  url.searchParams.set('sign', sign);
  return url.toString();
}

function assertAmount(totalAmount: string): void {
  const parsed = parseAmountFen(totalAmount);
  if (!parsed.ok || parsed.fen < 1 || parsed.fen > MAX_AMOUNT_FEN) {
    throw new RangeError(`totalAmount must be a decimal from 0.01 to 100000000: "${totalAmount}"`);
  }
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/**
 * "yyyy-MM-dd HH:mm:ss" in Asia/Shanghai, the clock of every Alipay timestamp. China has kept
 * UTC+8 without daylight saving since 1991, so a fixed offset is exact and needs no time-zone
 * database (which some edge runtimes lack). Milliseconds are truncated.
 */
export function shanghaiDateTime(epochMs: number): string {
  if (!Number.isFinite(epochMs)) throw new RangeError(`not a time: ${epochMs}`);
  const at = new Date(Math.floor(epochMs) + SHANGHAI_OFFSET_MS);
  const two = (value: number): string => String(value).padStart(2, '0');
  const date = `${at.getUTCFullYear()}-${two(at.getUTCMonth() + 1)}-${two(at.getUTCDate())}`;
  return `${date} ${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())}`;
}
