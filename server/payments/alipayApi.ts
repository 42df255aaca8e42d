/**
 * Alipay's OpenAPI 2.0 calls from server to gateway (so far `alipay.trade.query`): the signed
 * request, and the verified response.
 *
 * Invariants:
 * - Pure and Web-Crypto-only, like alipay.ts: the caller does the HTTP (so it runs on Node
 *   and Workers alike and tests can stand in for the gateway).
 * - The request is signed as Alipay's SDKs do: the protocol parameters go on the gateway URL,
 *   `biz_content` in the form body, and `sign` covers all of them by the same sorted-content
 *   rule as the page-pay URL.
 * - A response is trusted only through its signature. Alipay signs the raw JSON text of the
 *   `<method>_response` member (opendocs.alipay.com/common/02mse7, the Java SDK's
 *   `getSignSourceData`); we cut out exactly that text, verify it with Alipay's public key,
 *   and then parse *that text* — never the surrounding document — so what is used is exactly
 *   what was signed, whatever else (duplicate members, say) the body holds.
 */
import { rsa2Sign, rsa2Verify, shanghaiDateTime, signingContent } from './alipay.ts';

export interface OpenApiRequest {
  readonly gateway: string;
  readonly appId: string;
  /** E.g. `alipay.trade.query`. */
  readonly method: string;
  readonly bizContent: Readonly<Record<string, string>>;
  readonly nowMs: number;
}

/** The signed call: POST `body` (form-encoded) to `url`. */
export async function signedApiCall(
  request: OpenApiRequest,
  appPrivateKey: CryptoKey,
): Promise<{ url: string; body: URLSearchParams }> {
  const protocol: Record<string, string> = {
    app_id: request.appId,
    method: request.method,
    format: 'JSON',
    charset: 'utf-8',
    sign_type: 'RSA2',
    timestamp: shanghaiDateTime(request.nowMs),
    version: '1.0',
  };
  const bizContent = JSON.stringify(request.bizContent);
  const sign = await rsa2Sign(
    signingContent({ ...protocol, biz_content: bizContent }),
    appPrivateKey,
  );
  const url = new URL(request.gateway);
  url.search = '';
  for (const [key, value] of Object.entries(protocol)) url.searchParams.set(key, value);
  url.searchParams.set('sign', sign);
  return { url: url.toString(), body: new URLSearchParams({ biz_content: bizContent }) };
}

/**
 * The `<method>_response` object of a gateway response, if and only if its signature
 * verifies with Alipay's public key; null otherwise (unsigned, tampered, malformed).
 */
export async function verifiedApiResponse(
  raw: string,
  method: string,
  alipayPublicKey: CryptoKey,
): Promise<Record<string, unknown> | null> {
  const responseKey = `${method.replaceAll('.', '_')}_response`;
  const members = topLevelMembers(raw);
  if (!members) return null;
  const signed = members.get(responseKey);
  const signText = members.get('sign');
  if (signed === undefined || signText === undefined) return null;
  const sign = parseJson(signText);
  if (typeof sign !== 'string' || sign === '') return null;
  if (!(await rsa2Verify(signed, sign, alipayPublicKey))) return null;
  const value = parseJson(signed);
  return isRecord(value) ? value : null;
}

/**
 * The raw text of each member of the top-level JSON object, by name; null if the text is not
 * one object, or a name repeats (a body that says two things is not one answer).
 */
export function topLevelMembers(raw: string): Map<string, string> | null {
  const scanner = new Scanner(raw);
  scanner.skipSpace();
  if (!scanner.take('{')) return null;
  const members = new Map<string, string>();
  scanner.skipSpace();
  if (scanner.take('}')) return scanner.atEnd() ? members : null;
  for (;;) {
    scanner.skipSpace();
    const nameText = scanner.string();
    const name = nameText === null ? null : parseJson(nameText);
    if (typeof name !== 'string' || members.has(name)) return null;
    scanner.skipSpace();
    if (!scanner.take(':')) return null;
    scanner.skipSpace();
    const value = scanner.value();
    if (value === null) return null;
    members.set(name, value);
    scanner.skipSpace();
    if (scanner.take('}')) return scanner.atEnd() ? members : null;
    if (!scanner.take(',')) return null;
  }
}

/** Just enough of a JSON scanner to find where each value's text starts and ends. */
class Scanner {
  private at = 0;
  constructor(private readonly text: string) {}

  skipSpace(): void {
    while (/\s/.test(this.text[this.at] ?? '')) this.at++;
  }

  take(char: string): boolean {
    if (this.text[this.at] !== char) return false;
    this.at++;
    return true;
  }

  atEnd(): boolean {
    this.skipSpace();
    return this.at === this.text.length;
  }

  /** A string token's raw text (quotes included), or null. */
  string(): string | null {
    const start = this.at;
    if (!this.take('"')) return null;
    while (this.at < this.text.length) {
      const char = this.text[this.at++];
      if (char === '\\') this.at++;
      else if (char === '"') return this.text.slice(start, this.at);
    }
    return null;
  }

  /** Any value's raw text: strings by their quotes, objects and arrays by balanced brackets. */
  value(): string | null {
    const start = this.at;
    const first = this.text[this.at];
    if (first === '"') return this.string();
    if (first !== '{' && first !== '[') {
      while (this.at < this.text.length && !/[,}\]\s]/.test(this.text[this.at] ?? '')) this.at++;
      return this.at > start ? this.text.slice(start, this.at) : null;
    }
    let depth = 0;
    while (this.at < this.text.length) {
      const char = this.text[this.at];
      if (char === '"') {
        if (this.string() === null) return null;
        continue;
      }
      this.at++;
      if (char === '{' || char === '[') depth++;
      else if (char === '}' || char === ']') depth--;
      if (depth === 0) return this.text.slice(start, this.at);
    }
    return null;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
