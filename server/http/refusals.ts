/**
 * Answers for requests refused before any procedure runs (too large, not JSON, too deep,
 * too many calls). Under /trpc they have the shape of a tRPC error, so the typed client
 * surfaces them like any other: `message`, and `data.code`, `data.httpStatus` and
 * `data.domainCode` (the stable code from common/errors.ts).
 */
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DOMAIN_ERRORS } from '../../common/errors.ts';

export type HttpRefusal =
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'BATCH_TOO_LARGE'
  | 'INPUT_TOO_DEEP'
  | 'INVALID_ENCODING';

function statusOf(code: HttpRefusal): ContentfulStatusCode {
  const error = new TRPCError({ code: DOMAIN_ERRORS[code] });
  return getHTTPStatusCodeFromError(error) as ContentfulStatusCode;
}

/** The refusal as a tRPC error response (one object answers every call of a batch). */
export function trpcRefusal(c: Context, code: HttpRefusal, message: string): Response {
  const trpcCode = DOMAIN_ERRORS[code];
  const httpStatus = statusOf(code);
  const data = { code: trpcCode, httpStatus, path: null, domainCode: code, params: {}, issues: [] };
  return c.json({ error: { message, code: TRPC_ERROR_CODES_BY_KEY[trpcCode], data } }, httpStatus);
}

/** The refusal on plain HTTP routes (payments): `{ error, code }`. */
export function plainRefusal(c: Context, code: HttpRefusal, message: string): Response {
  return c.json({ error: message, code, domainCode: code, params: {}, issues: [] }, statusOf(code));
}

export function tooLargeMessage(maxBytes: number, who: string): string {
  return `the request body is larger than ${maxBytes} bytes, the limit ${who}`;
}
