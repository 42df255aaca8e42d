/**
 * Alipay's OpenAPI calls (alipay.trade.query) against Alipay's own Node SDK (alipay-sdk, a dev
 * dependency, pure methods only) and node:crypto, with keys made independently of the module.
 *
 * What is proven:
 * 1. signedApiCall sends exactly the parameters the SDK's sdkExecute sends for the same call,
 *    with the same signature byte for byte.
 * 2. verifiedApiResponse accepts a response signed as Alipay signs it (the member's raw text,
 *    Chinese and escaped slashes included) exactly when the SDK's checkResponseSign does, and
 *    returns the signed member's content.
 * 3. It answers null — never throws — for an altered member, a stranger's or a missing
 *    signature, a repeated member (what would be parsed is not what was signed), and text
 *    that is not one JSON object.
 */
import { createSign, generateKeyPairSync } from 'node:crypto';
import { AlipaySdk } from 'alipay-sdk';
import { describe, expect, it } from 'vitest';
import { importPrivateKey, importPublicKey } from '../../server/payments/alipay.ts';
import {
  signedApiCall,
  topLevelMembers,
  verifiedApiResponse,
} from '../../server/payments/alipayApi.ts';

function makeKeys() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    pkcs8Pem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    spkiPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

const ALIPAY = makeKeys();
const APP = makeKeys();
const STRANGER = makeKeys();
const APP_ID = '2021004100000001';
const GATEWAY = 'https://openapi.alipay.com/gateway.do';
const METHOD = 'alipay.trade.query';
const RESPONSE_KEY = 'alipay_trade_query_response';

function sdk(): AlipaySdk {
  return new AlipaySdk({
    appId: APP_ID,
    privateKey: APP.pkcs8Pem,
    keyType: 'PKCS8',
    alipayPublicKey: ALIPAY.spkiPem,
    signType: 'RSA2',
    gateway: GATEWAY,
  });
}

function nodeSign(content: string, privatePem: string): string {
  return createSign('RSA-SHA256').update(content, 'utf8').sign(privatePem, 'base64');
}

/** A trade.query answer as Alipay writes it: raw member text (escaped slash, Chinese). */
const MEMBER =
  '{"code":"10000","msg":"Success","buyer_logon_id":"159****5620","buyer_pay_amount":"88.88",' +
  '"out_trade_no":"T0000000000000042","send_pay_date":"2026-11-10 12:01:00",' +
  '"total_amount":"88.88","trade_no":"2026111022001446871421234567",' +
  '"trade_status":"TRADE_SUCCESS","subject":"充值 a\\/b"}';

function body(member: string, sign: string | null): string {
  return sign === null
    ? `{"${RESPONSE_KEY}":${member}}`
    : `{"${RESPONSE_KEY}":${member},"sign":"${sign}"}`;
}

/** True when the SDK's own response check passes. */
function sdkAccepts(raw: string, sign: string): boolean {
  try {
    sdk().checkResponseSign(raw, RESPONSE_KEY, sign, 'trace');
    return true;
  } catch {
    return false;
  }
}

describe('signedApiCall', () => {
  it("equals the SDK's sdkExecute for alipay.trade.query, signature included", async () => {
    const nowMs = Date.UTC(2026, 10, 10, 4, 0, 0);
    const call = await signedApiCall(
      {
        gateway: GATEWAY,
        appId: APP_ID,
        method: METHOD,
        bizContent: { out_trade_no: 'T0000000000000042' },
        nowMs,
      },
      await importPrivateKey(APP.pkcs8Pem),
    );
    const url = new URL(call.url);
    expect(`${url.origin}${url.pathname}`).toBe(GATEWAY);
    const ours = { ...Object.fromEntries(url.searchParams), ...Object.fromEntries(call.body) };
    const theirs = Object.fromEntries(
      new URLSearchParams(
        sdk().sdkExecute(METHOD, {
          format: 'JSON',
          timestamp: '2026-11-10 12:00:00',
          bizContent: { out_trade_no: 'T0000000000000042' },
        }),
      ),
    );
    expect(ours).toEqual(theirs);
    // Only biz_content travels in the body; the protocol parameters are on the URL.
    expect([...call.body.keys()]).toEqual(['biz_content']);
  });
});

describe('verifiedApiResponse', () => {
  it('accepts what Alipay signs, as the SDK does, and returns the signed member', async () => {
    const sign = nodeSign(MEMBER, ALIPAY.pkcs8Pem);
    const raw = body(MEMBER, sign);
    expect(sdkAccepts(raw, sign)).toBe(true);
    const data = await verifiedApiResponse(raw, METHOD, await importPublicKey(ALIPAY.spkiPem));
    expect(data).toMatchObject({
      code: '10000',
      out_trade_no: 'T0000000000000042',
      trade_status: 'TRADE_SUCCESS',
      total_amount: '88.88',
      subject: '充值 a/b',
    });
  });

  it('accepts whitespace around members, as JSON allows', async () => {
    const sign = nodeSign(MEMBER, ALIPAY.pkcs8Pem);
    const raw = `{ "${RESPONSE_KEY}" :\n ${MEMBER} , "sign" : "${sign}" }`;
    const data = await verifiedApiResponse(raw, METHOD, await importPublicKey(ALIPAY.spkiPem));
    expect(data?.['trade_status']).toBe('TRADE_SUCCESS');
  });

  //  case                             the body                                              SDK
  const REFUSED: readonly (readonly [string, () => string, boolean | null])[] = [
    [
      'member altered after signing',
      () => body(MEMBER.replace('88.88"', '99.99"'), nodeSign(MEMBER, ALIPAY.pkcs8Pem)),
      false,
    ],
    ['signed by a stranger', () => body(MEMBER, nodeSign(MEMBER, STRANGER.pkcs8Pem)), false],
    ['signed by the app itself', () => body(MEMBER, nodeSign(MEMBER, APP.pkcs8Pem)), false],
    ['no signature', () => body(MEMBER, null), null],
    ['empty signature', () => body(MEMBER, ''), null],
    ['signature not base64', () => body(MEMBER, '!!*'), null],
    // JSON.parse would take the second member; only the first was signed.
    [
      'member repeated',
      () =>
        `{"${RESPONSE_KEY}":${MEMBER},"${RESPONSE_KEY}":${MEMBER.replace('TRADE_SUCCESS', 'X')},` +
        `"sign":"${nodeSign(MEMBER, ALIPAY.pkcs8Pem)}"}`,
      null,
    ],
    ['another method', () => `{"alipay_trade_pay_response":${MEMBER},"sign":"x"}`, null],
    ['not JSON', () => 'Bad Gateway', null],
    ['a JSON array', () => `[${MEMBER}]`, null],
    ['trailing text', () => `${body(MEMBER, nodeSign(MEMBER, ALIPAY.pkcs8Pem))}x`, null],
    ['cut short', () => body(MEMBER, nodeSign(MEMBER, ALIPAY.pkcs8Pem)).slice(0, -2), null],
  ];

  it.each(REFUSED)('refuses %s (null, no throw)', async (_name, make, sdkSays) => {
    const raw = make();
    const key = await importPublicKey(ALIPAY.spkiPem);
    await expect(verifiedApiResponse(raw, METHOD, key)).resolves.toBeNull();
    if (sdkSays !== null) {
      const sign = /"sign":"([^"]*)"/.exec(raw)?.[1] ?? '';
      expect(sdkAccepts(raw, sign)).toBe(sdkSays);
    }
  });
});

describe('topLevelMembers', () => {
  it('returns each member as its raw text', () => {
    const members = topLevelMembers('{"a":{"b":"}{\\"","c":[1,{"d":2}]},"e":"x\\"y","f":-1.5}');
    expect(Object.fromEntries(members ?? [])).toEqual({
      a: '{"b":"}{\\"","c":[1,{"d":2}]}',
      e: '"x\\"y"',
      f: '-1.5',
    });
  });

  it('refuses repeated names and anything but one object', () => {
    expect(topLevelMembers('{"a":1,"a":2}')).toBeNull();
    expect(topLevelMembers('{"a":1} {"b":2}')).toBeNull();
    expect(topLevelMembers('{"a" 1}')).toBeNull();
    expect(topLevelMembers('{"a":1,}')).toBeNull();
    expect(topLevelMembers('')).toBeNull();
    expect(Object.fromEntries(topLevelMembers(' {} ') ?? [['x', 'y']])).toEqual({});
  });
});
