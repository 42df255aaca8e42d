/**
 * Who is calling, and over what: the client's address and whether the public connection is
 * HTTPS. The `clientInfo` middleware works both out once per request; `clientAddress(c)` and
 * `isHttps(c)` read them.
 *
 * Forwarded headers are believed only as far as configured. With WALLET_TRUST_PROXY=N the N
 * right-most hops — the peer that connected to us and the hops it reports — are our own
 * proxies, and the client is the right-most hop before them. With 0 (the default) the headers
 * are ignored, so a client cannot choose its own address: the address feeds per-client
 * throttling, and a client that could name any address could pose as many clients, or as
 * someone else. `X-Forwarded-For`/`X-Forwarded-Proto` are read when present, else `Forwarded`
 * (RFC 7239); a proxy that speaks only `Forwarded` must drop a client's `X-Forwarded-For`.
 *
 * The public connection is HTTPS when WALLET_PUBLIC_URL is https, when the request reached
 * this process over TLS, or when the trusted proxy says the client used https.
 */
import type { Context, MiddlewareHandler } from 'hono';

export interface ClientInfo {
  readonly address: string;
  readonly https: boolean;
}

declare module 'hono' {
  interface ContextVariableMap {
    clientInfo: ClientInfo;
  }
}

export interface ClientInfoOptions {
  readonly trustProxyHops: number;
  /** WALLET_PUBLIC_URL; when it is https, the public connection is HTTPS whatever a hop says. */
  readonly publicUrl: string | undefined;
  /** The peer's address as the runtime knows it (Node: the socket; Workers: CF-Connecting-IP). */
  readonly peerAddress: (c: Context) => string | undefined;
}

export const UNKNOWN_ADDRESS = 'unknown';
/** Hops beyond this many, counted from the right, are never looked at. */
const MAX_HOPS = 32;

export function clientInfo(options: ClientInfoOptions): MiddlewareHandler {
  const publicHttps = options.publicUrl?.startsWith('https:') ?? false;
  return async (c, next) => {
    c.set('clientInfo', resolveClient(c, options, publicHttps));
    await next();
  };
}

/** The client's address ('unknown' when neither the runtime nor a trusted hop knows it). */
export function clientAddress(c: Context): string {
  const info = c.get('clientInfo') as ClientInfo | undefined;
  return info?.address ?? UNKNOWN_ADDRESS;
}

/** Whether the client reached us over HTTPS (for the cookie's `Secure` and for HSTS). */
export function isHttps(c: Context): boolean {
  const info = c.get('clientInfo') as ClientInfo | undefined;
  return info?.https ?? new URL(c.req.url).protocol === 'https:';
}

function resolveClient(c: Context, options: ClientInfoOptions, publicHttps: boolean): ClientInfo {
  const peer = normalizeAddress(options.peerAddress(c)) ?? UNKNOWN_ADDRESS;
  const tlsHere = new URL(c.req.url).protocol === 'https:';
  const hops = options.trustProxyHops;
  if (hops === 0) return { address: peer, https: publicHttps || tlsHere };
  const forwarded = forwardedHops(c);
  const chain = [...forwarded.addresses, peer];
  const address = normalizeAddress(chain[Math.max(0, chain.length - 1 - hops)]);
  const protos = forwarded.protocols;
  const proto = protos[Math.max(0, protos.length - hops)]?.toLowerCase();
  return {
    address: address ?? UNKNOWN_ADDRESS,
    https: publicHttps || tlsHere || proto === 'https',
  };
}

/** The hops the proxies reported, left (farthest) to right (nearest), at most MAX_HOPS. */
function forwardedHops(c: Context): { addresses: string[]; protocols: string[] } {
  const xff = list(c.req.header('x-forwarded-for'));
  const xfp = list(c.req.header('x-forwarded-proto'));
  const elements = list(c.req.header('forwarded')).map(forwardedElement);
  return {
    addresses: xff.length > 0 ? xff : elements.map((element) => element.for ?? ''),
    protocols: xfp.length > 0 ? xfp : elements.map((element) => element.proto ?? ''),
  };
}

function list(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .slice(-MAX_HOPS)
    .map((part) => part.trim());
}

/** One element of `Forwarded`: `for=192.0.2.60;proto=https;by=…` (names case-insensitive). */
function forwardedElement(element: string): { for?: string; proto?: string } {
  const pairs: Record<string, string> = {};
  for (const pair of element.split(';')) {
    const at = pair.indexOf('=');
    if (at < 0) continue;
    const name = pair.slice(0, at).trim().toLowerCase();
    pairs[name] = pair
      .slice(at + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
  }
  return {
    ...(pairs.for !== undefined ? { for: pairs.for } : {}),
    ...(pairs.proto !== undefined ? { proto: pairs.proto } : {}),
  };
}

/**
 * An address as one throttling key: without a port, IPv4-mapped IPv6 as IPv4, lower case.
 * RFC 7239's `unknown` and obfuscated `_names` pass as they are; anything else is refused.
 */
export function normalizeAddress(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let text = raw.trim().toLowerCase();
  const bracketed = /^\[([0-9a-f:.]+)\](?::\d+)?$/.exec(text);
  if (bracketed?.[1]) text = bracketed[1];
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(text);
  if (v4WithPort?.[1]) text = v4WithPort[1];
  if (text.startsWith('::ffff:') && /^::ffff:\d{1,3}(\.\d{1,3}){3}$/.test(text)) {
    text = text.slice('::ffff:'.length);
  }
  if (/^[0-9a-f:.]{2,45}$/.test(text) || /^(unknown|_[a-z0-9._-]{1,63})$/.test(text)) return text;
  return undefined;
}
