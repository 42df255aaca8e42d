/**
 * What the API tells a client about a failure, whatever raised it: a domain code (every error
 * has one), the code's parameters, the field issues and a message in English. The tRPC error
 * formatter and the plain HTTP routes (the CSV export) both answer with it, so a client reads
 * one shape everywhere.
 *
 * A DomainError speaks for itself; a schema failure is VALIDATION with one issue per field;
 * an error raised by tRPC or a middleware without a domain code gets one from its transport
 * code; anything unexpected is INTERNAL with the message `internal error` and no details.
 */
import { StandardSchemaV1Error, TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { BaseIssue } from 'valibot';
import {
  DOMAIN_ERRORS,
  DomainError,
  type DomainErrorCode,
  type ErrorParams,
  type FieldIssue,
} from '../../common/errors.ts';
import { fieldIssuesOf } from '../../common/issues.ts';

export interface ErrorData {
  readonly domainCode: DomainErrorCode;
  readonly params: ErrorParams;
  readonly issues: readonly FieldIssue[];
  readonly message: string;
}

/** The domain code of an error that came without one, by its transport code. */
const BY_TRANSPORT: Partial<Record<TRPC_ERROR_CODE_KEY, DomainErrorCode>> = {
  UNAUTHORIZED: 'SIGN_IN_REQUIRED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'ROUTE_NOT_FOUND',
  TOO_MANY_REQUESTS: 'BUSY',
  INTERNAL_SERVER_ERROR: 'INTERNAL',
};

export const INTERNAL_MESSAGE = 'internal error';

/** The error data of a tRPC error (its cause decides; see the module comment). */
export function errorDataOf(error: TRPCError): ErrorData {
  const cause = error.cause;
  if (cause instanceof DomainError) return domainErrorData(cause);
  // Input validation only: a failing output schema would be the server's own fault.
  if (cause instanceof StandardSchemaV1Error && error.code === 'BAD_REQUEST') {
    return validationData(fieldIssuesOf(cause.issues as readonly BaseIssue<unknown>[]));
  }
  const domainCode = BY_TRANSPORT[error.code] ?? statusFallback(error);
  const message = domainCode === 'INTERNAL' ? INTERNAL_MESSAGE : error.message;
  return { domainCode, params: {}, issues: [], message };
}

export function domainErrorData(error: DomainError): ErrorData {
  return {
    domainCode: error.code,
    params: error.params,
    issues: error.issues,
    message: error.message,
  };
}

/** A schema failure: every field with its reason, `path: reason` joined in the message. */
export function validationData(issues: readonly FieldIssue[]): ErrorData {
  const message = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  return { domainCode: 'VALIDATION', params: {}, issues, message };
}

/** The HTTP status that goes with a domain code (as tRPC maps its transport code). */
export function httpStatusOf(code: DomainErrorCode): number {
  return getHTTPStatusCodeFromError(new TRPCError({ code: DOMAIN_ERRORS[code] }));
}

/** The JSON body of a failed plain HTTP route: the error data, `error` being the message. */
export function errorBody(data: ErrorData) {
  return {
    error: data.message,
    domainCode: data.domainCode,
    params: data.params,
    issues: data.issues,
  };
}

function statusFallback(error: TRPCError): DomainErrorCode {
  return getHTTPStatusCodeFromError(error) >= 500 ? 'INTERNAL' : 'MALFORMED_REQUEST';
}
