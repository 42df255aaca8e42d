/**
 * RFC 9457 problem details: how the REST API (/v1) answers a failure. The content is the same
 * error data the tRPC error formatter sends (server/trpc/errors.ts) — the domain code, its
 * parameters, the field issues and the message — and the status comes from the same mapping
 * (`httpStatusOf`, which reads common/errors.ts through tRPC's own table), so a code means
 * the same status on both surfaces and cannot drift.
 *
 * - `type` is a URN naming the code (`urn:account-wallet:problem:CHARGE_NOT_FOUND`): stable,
 *   and not pretending to be a page; docs/API.md lists the codes.
 * - `title` is the code in words, the same for every occurrence (RFC 9457 §3.1.3).
 * - `detail` is the message of this occurrence; `code` and `params` the domain code and its
 *   parameters; `errors` the field issues (`path`, `code`, `params`, `message`).
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { DomainErrorCode } from '../../common/errors.ts';
import { httpStatusOf, type ErrorData } from '../trpc/errors.ts';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';
export const PROBLEM_TYPE_PREFIX = 'urn:account-wallet:problem:';

export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: DomainErrorCode;
  readonly params: ErrorData['params'];
  readonly errors: ErrorData['issues'];
}

export function problemOf(data: ErrorData): ProblemDetails {
  return {
    type: `${PROBLEM_TYPE_PREFIX}${data.domainCode}`,
    title: titleOf(data.domainCode),
    status: httpStatusOf(data.domainCode),
    detail: data.message,
    code: data.domainCode,
    params: data.params,
    errors: data.issues,
  };
}

export function problemResponse(c: Context, data: ErrorData): Response {
  const problem = problemOf(data);
  return c.body(JSON.stringify(problem), problem.status as ContentfulStatusCode, {
    'content-type': PROBLEM_MEDIA_TYPE,
  });
}

/** `CHARGE_NOT_FOUND` → `Charge not found`. */
function titleOf(code: DomainErrorCode): string {
  const words = code.toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A refusal of the request guards (too large, not JSON, too deep) as problem details. */
export function problemRefusal(c: Context, code: DomainErrorCode, message: string): Response {
  return problemResponse(c, { domainCode: code, params: {}, issues: [], message });
}
