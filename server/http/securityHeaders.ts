/**
 * The security headers of every response, the UI's and the API's, on Node and at the edge:
 * Hono's `secure-headers` with a Content-Security-Policy that lets scripts, styles and
 * everything else come from this origin only, and that forbids framing.
 *
 * The same headers reach the static files Cloudflare serves at the edge through the
 * `_headers` file the client build writes from `edgeHeadersFile` below, so there is one
 * policy in one place.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { isHttps } from './clientInfo.ts';

/**
 * Nothing inline and nothing from elsewhere. The built client is module scripts and
 * stylesheets under /assets; Solid and chart.js set styles through the CSSOM, which a
 * policy does not restrict; the top-up QR code is a `data:` PNG.
 */
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * One year, this host only: the wallet does not decide for sibling hosts of its domain.
 * Browsers ignore the header on plain HTTP (RFC 6797 §8.1); it is sent only over HTTPS.
 */
const HSTS = 'max-age=31536000';

const BASE = {
  contentSecurityPolicy: CONTENT_SECURITY_POLICY,
  xFrameOptions: 'DENY',
  referrerPolicy: 'no-referrer',
} as const;

const overHttp = secureHeaders({ ...BASE, strictTransportSecurity: false });
const overHttps = secureHeaders({ ...BASE, strictTransportSecurity: HSTS });

/**
 * HSTS goes only with responses the browser got over HTTPS, as clientInfo.ts decides it (the
 * request's scheme, a public https URL, or a trusted proxy's forwarded protocol).
 */
export function securityHeaders(): MiddlewareHandler {
  return (c, next) => (isHttps(c) ? overHttps : overHttp)(c, next);
}

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/**
 * Cloudflare's `_headers` file for the static files at the edge: the headers the middleware
 * gives an HTTPS response, and the same caching as on Node — hashed files under /assets/
 * forever, the HTML page revalidated every time. A header is set by one rule only, because
 * Cloudflare joins the values when several matching rules set it.
 */
export async function edgeHeadersFile(): Promise<string> {
  const probe = new Hono();
  probe.use(overHttps);
  probe.get('/', (c) => c.body(null, 204));
  const response = await probe.request('https://wallet.example/');
  const security = [...response.headers].map(([name, value]) => `  ${canonical(name)}: ${value}`);
  return [
    '# Written by the client build from server/http/securityHeaders.ts; do not edit.',
    '/*',
    ...security,
    '/',
    `  Cache-Control: ${REVALIDATE}`,
    '/index.html',
    `  Cache-Control: ${REVALIDATE}`,
    '/assets/*',
    `  Cache-Control: ${IMMUTABLE}`,
    '',
  ].join('\n');
}

/** `x-frame-options` → `X-Frame-Options`, as people read them. */
function canonical(name: string): string {
  return name.replace(
    /(^|-)([a-z])/g,
    (_, dash: string, letter: string) => dash + letter.toUpperCase(),
  );
}
