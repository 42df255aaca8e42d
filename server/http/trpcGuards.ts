/**
 * What a request to /trpc must be before tRPC sees it, checked in this order, each before
 * the body is read further than it needs:
 *
 * 1. Anything but GET/HEAD carries a JSON body (`Content-Type: application/json`), so no
 *    mutation arrives as a form another site's page can post (multipart, urlencoded, plain
 *    text) — not even one without input, such as `auth.signOut`.
 * 2. A batch holds at most MAX_BATCH_CALLS calls, counted on the path alone.
 * 3. The body fits PUBLIC_BODY_MAX_BYTES, or AUTHED_BODY_MAX_BYTES when the request carries
 *    a valid key or session. Hono's `bodyLimit` trusts a Content-Length (the HTTP parser
 *    holds the client to it) and otherwise counts the chunks as they arrive, answering 413
 *    at the first byte past the limit.
 * 4. The body is valid UTF-8 (else the decoder would store U+FFFD in its place), and its
 *    JSON — or a GET's `input` — nests at most MAX_JSON_DEPTH deep.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  AUTHED_BODY_MAX_BYTES,
  MAX_BATCH_CALLS,
  MAX_JSON_DEPTH,
  PUBLIC_BODY_MAX_BYTES,
} from '../../common/limits.ts';
import { nestsDeeperThan } from './jsonDepth.ts';
import { tooLargeMessage, trpcRefusal, type HttpRefusal } from './refusals.ts';

/** Answers a refused request in the shape of the surface (tRPC error, or problem details). */
export type Refuse = (c: Context, code: HttpRefusal, message: string) => Response;

export function trpcGuards(isAuthenticated: (c: Context) => Promise<boolean>): MiddlewareHandler[] {
  return requestGuards(isAuthenticated, trpcRefusal);
}

/** The same guards for any JSON API (the REST routes use them with problem details). */
export function requestGuards(
  isAuthenticated: (c: Context) => Promise<boolean>,
  refuse: Refuse,
): MiddlewareHandler[] {
  return [
    requireJsonBody(refuse),
    limitBatch(refuse),
    limitBody(isAuthenticated, refuse),
    limitJson(refuse),
  ];
}

const requireJsonBody =
  (refuse: Refuse): MiddlewareHandler =>
  async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const mediaType = c.req.header('content-type')?.split(';', 1)[0]?.trim().toLowerCase();
    if (mediaType === 'application/json') return next();
    return refuse(
      c,
      'UNSUPPORTED_MEDIA_TYPE',
      'calls other than GET must send a JSON body with Content-Type: application/json',
    );
  };

const limitBatch =
  (refuse: Refuse): MiddlewareHandler =>
  async (c, next) => {
    if (c.req.query('batch') !== '1') return next();
    // tRPC decodes the path before splitting it, so an encoded comma separates calls too.
    const calls = c.req.path.split(/,|%2c/i).length;
    if (calls <= MAX_BATCH_CALLS) return next();
    return refuse(
      c,
      'BATCH_TOO_LARGE',
      `a batch may hold at most ${MAX_BATCH_CALLS} calls; this one holds ${calls}`,
    );
  };

function limitBody(
  isAuthenticated: (c: Context) => Promise<boolean>,
  refuse: Refuse,
): MiddlewareHandler {
  const limit = (maxSize: number, who: string) =>
    bodyLimit({
      maxSize,
      onError: (c) => refuse(c, 'PAYLOAD_TOO_LARGE', tooLargeMessage(maxSize, who)),
    });
  const authenticated = limit(AUTHED_BODY_MAX_BYTES, 'of an authenticated call');
  const anonymous = limit(PUBLIC_BODY_MAX_BYTES, 'without a valid key or session');
  return async (c, next) => ((await isAuthenticated(c)) ? authenticated : anonymous)(c, next);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

const limitJson =
  (refuse: Refuse): MiddlewareHandler =>
  async (c, next) => {
    let json: string;
    if (c.req.method === 'GET' || c.req.method === 'HEAD') {
      json = c.req.query('input') ?? '';
    } else {
      // Hono keeps the bytes, so tRPC reads the same body after this.
      const bytes = await c.req.arrayBuffer();
      try {
        json = strictUtf8.decode(bytes);
      } catch {
        return refuse(c, 'INVALID_ENCODING', 'the request body is not valid UTF-8');
      }
    }
    if (!nestsDeeperThan(json, MAX_JSON_DEPTH)) return next();
    return refuse(
      c,
      'INPUT_TOO_DEEP',
      `the input nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep`,
    );
  };
