/**
 * The Alipay module against Alipay's own Node SDK (alipay-sdk 4.14.0, a dev dependency used
 * here only) and against node:crypto, with keys made independently of the module.
 *
 * What is proven:
 * 1. A notify signed as Alipay signs it (content built here from the documented rule, signed
 *    with node:crypto, and accepted by the SDK's own check) is accepted by verifyNotify.
 * 2. The SDK's checkNotifySign and checkNotifySignV2 accept what signNotify produces.
 * 3. The URL from pagePayUrl carries exactly the parameters the SDK would send for the same
 *    request, and the same signature byte for byte (RSASSA-PKCS1-v1_5 is deterministic).
 * 4. Every tampering, a wrong key, a missing or malformed sign and any sign_type but RSA2
 *    make verifyNotify answer false, and it never throws.
 * 5. Keys import in every shape Alipay hands out; awkward values (Chinese, spaces, & = + %)
 *    survive; times are written in Asia/Shanghai.
 *
 * Only the SDK's pure methods are called; none of them touches the network.
 */
import { createPrivateKey, createPublicKey, createSign, createVerify } from 'node:crypto';
import { generateKeyPairSync } from 'node:crypto';
import { AlipaySdk } from 'alipay-sdk';
import { describe, expect, it } from 'vitest';
import {
  generateKeyPair,
  importPrivateKey,
  importPublicKey,
  pagePayUrl,
  rsa2Sign,
  rsa2Verify,
  shanghaiDateTime,
  signingContent,
  signNotify,
  verifyNotify,
} from '../../server/payments/alipay.ts';
import type { PagePayRequest } from '../../server/payments/alipay.ts';

// ---------------------------------------------------------------------------------------------
// Keys, made by node:crypto so that the module under test never vouches for its own input.

interface TestKeys {
  readonly pkcs1Pem: string;
  readonly pkcs8Pem: string;
  readonly spkiPem: string;
  readonly pkcs1PublicPem: string;
}

function makeKeys(): TestKeys {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    pkcs1Pem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    pkcs8Pem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    spkiPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    pkcs1PublicPem: publicKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
  };
}

/** The PEM body on one line, as Alipay's console shows keys. */
function bare(pem: string): string {
  return pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, '');
}

/** Plays Alipay: signs notifies, and its public key is what the merchant configures. */
const ALIPAY = makeKeys();
/** The merchant's application key pair: signs requests. */
const APP = makeKeys();
/** Someone else's key pair. */
const STRANGER = makeKeys();

const APP_ID = '2021004100000001';
const GATEWAY = 'https://openapi.alipay.com/gateway.do';

function sdk(options: { privateKey?: string; keyType?: 'PKCS1' | 'PKCS8' } = {}): AlipaySdk {
  return new AlipaySdk({
    appId: APP_ID,
    privateKey: options.privateKey ?? bare(APP.pkcs1Pem),
    keyType: options.keyType ?? 'PKCS1',
    alipayPublicKey: bare(ALIPAY.spkiPem),
    signType: 'RSA2',
    gateway: GATEWAY,
  });
}

// ---------------------------------------------------------------------------------------------
// Alipay's side of the notify, written from the documented rule rather than from the module.

type Form = Record<string, string>;

/** rsaCheckV1's content: all fields but sign and sign_type, non-empty, sorted, k=v&k=v. */
function alipayNotifyContent(form: Form): string {
  return Object.keys(form)
    .filter((key) => key !== 'sign' && key !== 'sign_type' && form[key] !== '')
    .sort()
    .map((key) => `${key}=${form[key]}`)
    .join('&');
}

function nodeSign(content: string, privatePem: string, algorithm = 'RSA-SHA256'): string {
  return createSign(algorithm).update(content, 'utf8').sign(privatePem, 'base64');
}

function nodeVerify(content: string, signature: string, publicPem: string): boolean {
  return createVerify('RSA-SHA256').update(content, 'utf8').verify(publicPem, signature, 'base64');
}

/** A notify as Alipay would send it, signed with ALIPAY's key (or another). */
function alipaySigned(fields: Form, privatePem = ALIPAY.pkcs1Pem): Form {
  return { ...fields, sign_type: 'RSA2', sign: nodeSign(alipayNotifyContent(fields), privatePem) };
}

/** The fields of a real TRADE_SUCCESS notify for alipay.trade.page.pay. */
const PAID: Form = {
  gmt_create: '2026-11-27 00:30:05',
  charset: 'utf-8',
  gmt_payment: '2026-11-27 00:31:10',
  notify_time: '2026-11-27 00:31:11',
  subject: '账户充值 Account Wallet top-up',
  buyer_id: '2088102177846875',
  invoice_amount: '12.34',
  version: '1.0',
  notify_id: '2026112700222003111046871440813776',
  fund_bill_list: '[{"amount":"12.34","fundChannel":"ALIPAYACCOUNT"}]',
  notify_type: 'trade_status_sync',
  out_trade_no: 'TU20261127003005ABC',
  total_amount: '12.34',
  trade_no: '2026112722001446871421234567',
  auth_app_id: APP_ID,
  receipt_amount: '12.34',
  point_amount: '0.00',
  app_id: APP_ID,
  buyer_pay_amount: '12.34',
  trade_status: 'TRADE_SUCCESS',
  seller_id: '2088102177296610',
};

/** Values that break naive encoders: Chinese, spaces, & = + and a literal percent sign. */
const AWKWARD: Form = {
  ...PAID,
  subject: '充值 & 退款 = a+b 100% 余额',
  body: 'x=1&y=2 +plus  two spaces',
  passback_params: 'k%3Dv&raw=yes',
};

async function alipayPublicKey(): Promise<CryptoKey> {
  return importPublicKey(ALIPAY.spkiPem);
}

// ---------------------------------------------------------------------------------------------

describe('verifyNotify accepts notifies signed the way Alipay signs them', () => {
  it('accepts a real-shaped TRADE_SUCCESS notify, as the SDK does', async () => {
    const form = alipaySigned(PAID);
    // The SDK's own check proves the fixture is a genuine Alipay-style notify.
    expect(sdk().checkNotifySignV2(form)).toBe(true);
    expect(sdk().checkNotifySign(form)).toBe(true);
    await expect(verifyNotify(form, await alipayPublicKey())).resolves.toBe(true);
  });

  it('accepts values with Chinese, spaces, &, =, + and %', async () => {
    const form = alipaySigned(AWKWARD);
    expect(sdk().checkNotifySignV2(form)).toBe(true);
    await expect(verifyNotify(form, await alipayPublicKey())).resolves.toBe(true);
  });

  it('accepts a notify with the key as bare base64, as the console shows it', async () => {
    const key = await importPublicKey(bare(ALIPAY.spkiPem));
    await expect(verifyNotify(alipaySigned(PAID), key)).resolves.toBe(true);
  });

  it("ignores empty fields, as Alipay's Java SDK does", async () => {
    const form = { ...alipaySigned(PAID), refund_fee: '' };
    await expect(verifyNotify(form, await alipayPublicKey())).resolves.toBe(true);
  });
});

describe('the SDK accepts what signNotify produces', () => {
  it('passes checkNotifySign and checkNotifySignV2', async () => {
    const signer = await importPrivateKey(ALIPAY.pkcs1Pem);
    const form = await signNotify(PAID, signer);
    expect(form['sign_type']).toBe('RSA2');
    expect(sdk().checkNotifySign(form)).toBe(true);
    expect(sdk().checkNotifySignV2(form)).toBe(true);
  });

  it('passes checkNotifySignV2 with awkward values', async () => {
    // checkNotifySign (V1) URL-decodes values again and would choke on the literal "%";
    // V2 is the SDK's answer to exactly that (alipay-sdk-nodejs-all issue 45).
    const form = await signNotify(AWKWARD, await importPrivateKey(ALIPAY.pkcs8Pem));
    expect(sdk().checkNotifySignV2(form)).toBe(true);
  });

  it('is refused by the SDK once tampered, so the checks above can fail', async () => {
    const form = await signNotify(PAID, await importPrivateKey(ALIPAY.pkcs1Pem));
    expect(sdk().checkNotifySignV2({ ...form, total_amount: '1234.00' })).toBe(false);
  });

  it("signs exactly Alipay's content, so node:crypto agrees too", async () => {
    const form = await signNotify(AWKWARD, await importPrivateKey(ALIPAY.pkcs1Pem));
    const sign = form['sign'] ?? '';
    expect(nodeVerify(alipayNotifyContent(form), sign, ALIPAY.spkiPem)).toBe(true);
    expect(sign).toBe(alipaySigned(AWKWARD)['sign']);
  });

  it('replaces an existing sign and sign_type, and drops empty fields', async () => {
    const stale = { ...PAID, sign: 'stale', sign_type: 'RSA', refund_fee: '' };
    const form = await signNotify(stale, await importPrivateKey(ALIPAY.pkcs1Pem));
    expect(form).toEqual({ ...alipaySigned(PAID) });
    expect(form).not.toHaveProperty('refund_fee');
    expect(sdk().checkNotifySignV2(form)).toBe(true);
  });
});

describe('verifyNotify refuses anything else, and never throws', () => {
  const signed = alipaySigned(PAID);
  const { sign: _sign, ...unsigned } = signed;
  const { sign_type: _signType, ...withoutSignType } = signed;
  const sha1 = {
    ...PAID,
    sign_type: 'RSA',
    sign: nodeSign(alipayNotifyContent(PAID), ALIPAY.pkcs1Pem, 'RSA-SHA1'),
  };
  // rsaCheckV2's content keeps sign_type; Alipay signs notifies by the V1 rule.
  const overSignType = {
    ...PAID,
    sign_type: 'RSA2',
    sign: nodeSign(
      Object.keys({ ...PAID, sign_type: 'RSA2' })
        .sort()
        .map((key) => `${key}=${key === 'sign_type' ? 'RSA2' : PAID[key]}`)
        .join('&'),
      ALIPAY.pkcs1Pem,
    ),
  };
  const cases: [string, Record<string, unknown>][] = [
    ['tampered amount', { ...signed, total_amount: '1234.00' }],
    ['tampered order number', { ...signed, out_trade_no: 'TU20261127003005ABD' }],
    ['tampered status', { ...signed, trade_status: 'WAIT_BUYER_PAY' }],
    ['added field', { ...signed, refund_fee: '12.34' }],
    ['field removed', { ...signed, total_amount: undefined }],
    ['signed by a stranger', alipaySigned(PAID, STRANGER.pkcs1Pem)],
    ['missing sign', unsigned],
    ['empty sign', { ...signed, sign: '' }],
    ['missing sign_type', withoutSignType],
    ['sign_type RSA on an RSA2 signature', { ...signed, sign_type: 'RSA' }],
    ['sign_type lower case', { ...signed, sign_type: 'rsa2' }],
    // The SDK accepts this one: it takes SHA1 from the notify's own sign_type.
    ['genuine RSA (SHA1) signature', sha1],
    // The SDK accepts this one too: it retries with sign_type in the content.
    ['signed over sign_type as well', overSignType],
    ['garbage base64', { ...signed, sign: '!!!not*base64!!!' }],
    ['valid base64, wrong length', { ...signed, sign: 'AAAA' }],
    ['truncated signature', { ...signed, sign: (signed['sign'] ?? '').slice(0, 300) }],
    ['signature of another notify', { ...signed, sign: alipaySigned(AWKWARD)['sign'] }],
    ['a repeated field parsed as an array', { ...signed, subject: ['a', 'b'] }],
  ];

  it.each(cases)('%s', async (_name, form) => {
    const defined = Object.fromEntries(
      Object.entries(form).filter(([, value]) => value !== undefined),
    ) as Form;
    await expect(verifyNotify(defined, await alipayPublicKey())).resolves.toBe(false);
  });

  it('refuses a change to any single field', async () => {
    const key = await alipayPublicKey();
    for (const field of Object.keys(PAID)) {
      const form = { ...signed, [field]: `${signed[field]}x` };
      await expect(verifyNotify(form, key), field).resolves.toBe(false);
    }
  });

  it('agrees with the SDK on the tampered and stranger cases', () => {
    expect(sdk().checkNotifySignV2({ ...signed, total_amount: '1234.00' })).toBe(false);
    expect(sdk().checkNotifySignV2(alipaySigned(PAID, STRANGER.pkcs1Pem))).toBe(false);
    // Documenting the SDK's laxness that verifyNotify does not share (see the table above).
    expect(sdk().checkNotifySignV2(sha1)).toBe(true);
    expect(sdk().checkNotifySignV2(overSignType)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------

const NOW_MS = Date.UTC(2026, 10, 26, 16, 30, 5);
const REQUEST: PagePayRequest = {
  gateway: GATEWAY,
  appId: APP_ID,
  notifyUrl: 'https://wallet.example.com/api/alipay/notify?x=1&y=2',
  returnUrl: 'https://wallet.example.com/top-up/TU1?done=yes',
  outTradeNo: 'TU20261127003005ABC',
  totalAmount: '12.34',
  subject: '账户充值 Account Wallet top-up + 余额',
  timeExpireMs: NOW_MS + 30 * 60_000,
  nowMs: NOW_MS,
};

function queryOf(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams);
}

/** What the SDK would send for REQUEST, with the same timestamp (the SDK lets it be passed). */
function sdkPageParams(): Record<string, unknown> {
  return {
    format: 'JSON',
    timestamp: '2026-11-27 00:30:05',
    notifyUrl: REQUEST.notifyUrl,
    returnUrl: REQUEST.returnUrl,
    bizContent: {
      out_trade_no: REQUEST.outTradeNo,
      total_amount: REQUEST.totalAmount,
      subject: REQUEST.subject,
      product_code: 'FAST_INSTANT_TRADE_PAY',
      time_expire: '2026-11-27 01:00:05',
    },
  };
}

describe('pagePayUrl', () => {
  it('carries the documented parameters, times in Asia/Shanghai', async () => {
    const url = await pagePayUrl(REQUEST, await importPrivateKey(APP.pkcs1Pem));
    expect(url.startsWith(`${GATEWAY}?`)).toBe(true);
    const query = queryOf(url);
    expect(Object.keys(query).sort()).toEqual([
      'app_id',
      'biz_content',
      'charset',
      'format',
      'method',
      'notify_url',
      'return_url',
      'sign',
      'sign_type',
      'timestamp',
      'version',
    ]);
    expect(query).toMatchObject({
      app_id: APP_ID,
      method: 'alipay.trade.page.pay',
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: '2026-11-27 00:30:05',
      version: '1.0',
      notify_url: REQUEST.notifyUrl,
      return_url: REQUEST.returnUrl,
    });
    expect(JSON.parse(query['biz_content'] ?? '')).toEqual({
      out_trade_no: 'TU20261127003005ABC',
      total_amount: '12.34',
      subject: REQUEST.subject,
      product_code: 'FAST_INSTANT_TRADE_PAY',
      time_expire: '2026-11-27 01:00:05',
    });
  });

  it('is signed over all its other parameters, as node:crypto checks', async () => {
    const query = queryOf(await pagePayUrl(REQUEST, await importPrivateKey(APP.pkcs8Pem)));
    const { sign, ...rest } = query;
    const content = Object.keys(rest)
      .sort()
      .map((key) => `${key}=${rest[key]}`)
      .join('&');
    expect(nodeVerify(content, sign ?? '', APP.spkiPem)).toBe(true);
    expect(nodeVerify(content, sign ?? '', STRANGER.spkiPem)).toBe(false);
  });

  it("equals the SDK's sdkExecute for the same request, signature included", async () => {
    const ours = queryOf(await pagePayUrl(REQUEST, await importPrivateKey(bare(APP.pkcs1Pem))));
    const sdkString = sdk().sdkExecute('alipay.trade.page.pay', sdkPageParams());
    const theirs = Object.fromEntries(new URLSearchParams(sdkString));
    expect(ours).toEqual(theirs);
    const viaPkcs8 = sdk({ privateKey: bare(APP.pkcs8Pem), keyType: 'PKCS8' }).sdkExecute(
      'alipay.trade.page.pay',
      sdkPageParams(),
    );
    expect(new URLSearchParams(viaPkcs8).get('sign')).toBe(ours['sign']);
  });

  it("signs the SDK's own pageExecute GET parameters to the same bytes", async () => {
    const appKey = await importPrivateKey(APP.pkcs1Pem);
    const sdkUrl = sdk().pageExecute('alipay.trade.page.pay', 'GET', sdkPageParams());
    const theirs = queryOf(sdkUrl);
    // pageExecute adds its own alipay_sdk marker to what it signs; everything else is ours.
    const { alipay_sdk: marker, ...theirsWithoutMarker } = theirs;
    expect(marker).toMatch(/^alipay-sdk-nodejs-/);
    const { sign: _ourSign, ...ours } = queryOf(await pagePayUrl(REQUEST, appKey));
    const { sign: theirSign, ...theirsUnsigned } = theirsWithoutMarker;
    expect(theirsUnsigned).toEqual(ours);
    const content = signingContent(theirs);
    await expect(rsa2Sign(content, appKey)).resolves.toBe(theirSign);
    const appPublic = await importPublicKey(APP.spkiPem);
    await expect(rsa2Verify(content, theirSign ?? '', appPublic)).resolves.toBe(true);
  });

  it("leaves return_url out when there is none, and drops the gateway's own query", async () => {
    const { returnUrl: _returnUrl, ...request } = REQUEST;
    const gateway = `${GATEWAY}?charset=gbk&debug=1`;
    const url = await pagePayUrl({ ...request, gateway }, await importPrivateKey(APP.pkcs1Pem));
    const { sign, ...rest } = queryOf(url);
    expect(rest).not.toHaveProperty('return_url');
    expect(rest).not.toHaveProperty('debug');
    expect(rest['charset']).toBe('utf-8');
    const content = Object.keys(rest)
      .sort()
      .map((key) => `${key}=${rest[key]}`)
      .join('&');
    expect(nodeVerify(content, sign ?? '', APP.spkiPem)).toBe(true);
  });

  const amounts: [string, boolean][] = [
    ['12.34', true],
    ['0.01', true],
    ['100', true],
    ['12.3', true],
    ['100000000', true],
    ['100000000.00', true],
    ['0', false],
    ['0.00', false],
    ['100000000.01', false],
    ['12.345', false],
    ['-1.00', false],
    ['1e3', false],
    ['012.34', false],
    [' 12.34', false],
    ['12.', false],
    ['', false],
  ];
  it.each(amounts)('amount %j accepted: %s', async (totalAmount, accepted) => {
    const built = pagePayUrl({ ...REQUEST, totalAmount }, await importPrivateKey(APP.pkcs1Pem));
    if (accepted) await expect(built).resolves.toContain('sign=');
    else await expect(built).rejects.toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------

describe('keys', () => {
  const privateShapes: [string, string][] = [
    ['PKCS#1 PEM', APP.pkcs1Pem],
    ['PKCS#1 bare base64', bare(APP.pkcs1Pem)],
    ['PKCS#8 PEM', APP.pkcs8Pem],
    ['PKCS#8 bare base64', bare(APP.pkcs8Pem)],
    ['PKCS#8 PEM with CRLF and indentation', APP.pkcs8Pem.replace(/\n/g, '\r\n    ')],
    ['PKCS#1 base64 wrapped at 64 columns', bare(APP.pkcs1Pem).replace(/(.{64})/g, '$1\n')],
  ];
  it.each(privateShapes)('imports a %s private key', async (_name, text) => {
    const content = signingContent(AWKWARD);
    const signature = await rsa2Sign(content, await importPrivateKey(text));
    // Deterministic padding: every shape of the same key gives node:crypto's exact bytes.
    expect(signature).toBe(nodeSign(content, APP.pkcs1Pem));
  });

  const publicShapes: [string, string][] = [
    ['SPKI PEM', APP.spkiPem],
    ['SPKI bare base64', bare(APP.spkiPem)],
    ['PKCS#1 PEM', APP.pkcs1PublicPem],
    ['PKCS#1 bare base64', bare(APP.pkcs1PublicPem)],
  ];
  it.each(publicShapes)('imports a %s public key', async (_name, text) => {
    const content = signingContent(AWKWARD);
    const key = await importPublicKey(text);
    await expect(rsa2Verify(content, nodeSign(content, APP.pkcs8Pem), key)).resolves.toBe(true);
    const wrong = nodeSign(content, STRANGER.pkcs8Pem);
    await expect(rsa2Verify(content, wrong, key)).resolves.toBe(false);
  });

  const encrypted = createPrivateKey(APP.pkcs8Pem);
  const refusedPrivate: [string, string][] = [
    ['a public key', APP.spkiPem],
    ['a bare public key', bare(APP.spkiPem)],
    [
      'an encrypted PKCS#8 key',
      encrypted
        .export({
          type: 'pkcs8',
          format: 'pem',
          cipher: 'aes-256-cbc',
          passphrase: 'secret',
        })
        .toString(),
    ],
    [
      'a bare encrypted PKCS#8 key',
      bare(
        encrypted
          .export({
            type: 'pkcs8',
            format: 'pem',
            cipher: 'aes-256-cbc',
            passphrase: 'secret',
          })
          .toString(),
      ),
    ],
    [
      'an OpenSSL-encrypted PKCS#1 key',
      encrypted
        .export({
          type: 'pkcs1',
          format: 'pem',
          cipher: 'aes-256-cbc',
          passphrase: 'secret',
        })
        .toString(),
    ],
    ['a certificate', '-----BEGIN CERTIFICATE-----\nMIIBAA==\n-----END CERTIFICATE-----'],
    ['garbage', 'not a key at all'],
    ['nothing', '   '],
  ];
  it.each(refusedPrivate)('refuses %s as a private key', async (_name, text) => {
    await expect(importPrivateKey(text)).rejects.toThrow(TypeError);
  });

  it.each([
    ['a private key', APP.pkcs8Pem],
    ['a bare PKCS#1 private key', bare(APP.pkcs1Pem)],
    ['garbage', '@@@'],
  ])('refuses %s as a public key', async (_name, text) => {
    await expect(importPublicKey(text)).rejects.toThrow(TypeError);
  });

  it('generates a 2048-bit pair that node:crypto reads and that verifies', async () => {
    const { privateKeyPem, publicKeyPem } = await generateKeyPair();
    expect(privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(createPublicKey(publicKeyPem).asymmetricKeyDetails?.modulusLength).toBe(2048);
    const content = signingContent(PAID);
    const signature = await rsa2Sign(content, await importPrivateKey(privateKeyPem));
    expect(nodeVerify(content, signature, publicKeyPem)).toBe(true);
    expect(signature).toBe(nodeSign(content, privateKeyPem));
  });

  it('refuses to sign with a key that is not RSA2', async () => {
    const sha1 = await crypto.subtle.importKey(
      'pkcs8',
      new Uint8Array(createPrivateKey(APP.pkcs8Pem).export({ type: 'pkcs8', format: 'der' })),
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-1' },
      false,
      ['sign'],
    );
    await expect(rsa2Sign('a=1', sha1)).rejects.toThrow(TypeError);
  });
});

describe('signingContent', () => {
  it('sorts by code unit, skips sign and empty values, keeps raw values', () => {
    const content = signingContent({
      b: '2',
      a_b: 'x',
      aB: 'y',
      ab: 'z',
      a: '1',
      sign: 's',
      sign_type: 'RSA2',
      empty: '',
      missing: undefined,
      subject: '充值 & = +',
      blank: ' ',
    });
    // "B" (0x42) < "_" (0x5F) < "b" (0x62); a blank value is not an empty one.
    expect(content).toBe('a=1&aB=y&a_b=x&ab=z&b=2&blank= &sign_type=RSA2&subject=充值 & = +');
  });

  it('leaves sign_type out for the notify', () => {
    expect(signingContent({ b: '2', a: '1', sign_type: 'RSA2' }, { omitSignType: true })).toBe(
      'a=1&b=2',
    );
  });
});

describe('shanghaiDateTime', () => {
  const times: [string, number, string][] = [
    ["the brief's example", Date.UTC(2026, 10, 26, 16, 30, 5), '2026-11-27 00:30:05'],
    ['same day before 16:00 UTC', Date.UTC(2026, 10, 26, 15, 59, 59), '2026-11-26 23:59:59'],
    ['new year', Date.UTC(2026, 11, 31, 16, 0, 0), '2027-01-01 00:00:00'],
    ['leap day', Date.UTC(2028, 1, 28, 16, 0, 0), '2028-02-29 00:00:00'],
    ['milliseconds truncated', Date.UTC(2026, 0, 1, 0, 0, 0, 999), '2026-01-01 08:00:00'],
  ];
  it.each(times)('%s', (_name, epochMs, expected) => {
    expect(shanghaiDateTime(epochMs)).toBe(expected);
  });

  it('refuses what is not a time', () => {
    expect(() => shanghaiDateTime(Number.NaN)).toThrow(RangeError);
  });
});
