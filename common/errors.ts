/**
 * The closed set of domain errors. Services throw DomainError with one of these codes; the
 * tRPC adapter maps each code to a transport code. Messages are for people and never carry
 * internals (SQL, stack traces). Errors are data: a code, its parameters (`params`, see
 * common/issues.ts for their units) and field issues; the client owns the words it shows.
 */
import {
  fieldIssue,
  isFieldIssueCode,
  type ErrorParams,
  type FieldIssue,
  type FieldIssueCode,
} from './issues.ts';

export type { ErrorParams, FieldIssue, FieldIssueCode } from './issues.ts';

export const DOMAIN_ERRORS = {
  UNAUTHENTICATED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  VALIDATION: 'BAD_REQUEST',
  ACCOUNT_NOT_FOUND: 'NOT_FOUND',
  WORKSPACE_NOT_FOUND: 'NOT_FOUND',
  CHARGE_NOT_FOUND: 'NOT_FOUND',
  REFERENCE_NOT_FOUND: 'NOT_FOUND',
  VOUCHER_NOT_FOUND: 'NOT_FOUND',
  ORDER_NOT_FOUND: 'NOT_FOUND',
  INVOICE_NOT_FOUND: 'NOT_FOUND',
  TOP_UP_NOT_FOUND: 'NOT_FOUND',
  BATCH_NOT_FOUND: 'NOT_FOUND',
  CODE_NOT_FOUND: 'NOT_FOUND',
  CODE_MISTYPED: 'BAD_REQUEST',
  CODE_UNKNOWN: 'NOT_FOUND',
  CODE_USED: 'CONFLICT',
  CODE_EXPIRED: 'PRECONDITION_FAILED',
  CODE_VOIDED: 'PRECONDITION_FAILED',
  NOT_VOIDABLE: 'PRECONDITION_FAILED',
  ORDER_NOT_OPEN: 'PRECONDITION_FAILED',
  ORDER_NOT_PAID: 'PRECONDITION_FAILED',
  ALREADY_INVOICED: 'PRECONDITION_FAILED',
  INVOICE_ABOVE_INVOICEABLE: 'PRECONDITION_FAILED',
  INVOICE_DECIDED: 'CONFLICT',
  INVOICE_NUMBER_TAKEN: 'CONFLICT',
  THROTTLED: 'TOO_MANY_REQUESTS',
  WORKSPACE_EXISTS: 'CONFLICT',
  IDEMPOTENCY_CONFLICT: 'CONFLICT',
  METHOD_CHANGE_LIMIT: 'PRECONDITION_FAILED',
  CLOUD_SUBSCRIPTION_ACTIVE: 'PRECONDITION_FAILED',
  NOT_CLOUD_SETTLED: 'PRECONDITION_FAILED',
  INSUFFICIENT_CASH: 'PRECONDITION_FAILED',
  INVALID_VALIDITY: 'BAD_REQUEST',
  PERIOD_IN_FUTURE: 'BAD_REQUEST',
  BUSY: 'TOO_MANY_REQUESTS',
  PAYMENTS_NOT_CONFIGURED: 'PRECONDITION_FAILED',
  PAYMENT_PROVIDER_UNAVAILABLE: 'BAD_GATEWAY',
  WEBHOOK_NOT_FOUND: 'NOT_FOUND',
  DELIVERY_NOT_FOUND: 'NOT_FOUND',
  WEBHOOK_LIMIT: 'PRECONDITION_FAILED',
  // Refusals of the HTTP layer, before any procedure runs (docs/decisions/006-http-limits.md).
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  BATCH_TOO_LARGE: 'BAD_REQUEST',
  INPUT_TOO_DEEP: 'BAD_REQUEST',
  INVALID_ENCODING: 'BAD_REQUEST',
  // Failures before any service runs (no credential, no such procedure, a malformed request)
  // and unexpected ones: the error adapter gives these to errors that come without a domain
  // code (server/trpc/errors.ts), so every error the API returns has one.
  SIGN_IN_REQUIRED: 'UNAUTHORIZED',
  ROUTE_NOT_FOUND: 'NOT_FOUND',
  MALFORMED_REQUEST: 'BAD_REQUEST',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
  PASSWORD_CHANGE_REQUIRED: 'FORBIDDEN',
  SESSION_NOT_FOUND: 'NOT_FOUND',
  USER_NOT_FOUND: 'NOT_FOUND',
  MEMBERSHIP_NOT_FOUND: 'NOT_FOUND',
  KEY_NOT_FOUND: 'NOT_FOUND',
  // The deployment runs on real time: no test clock to read or move (WALLET_TEST_CLOCK).
  TEST_CLOCK_OFF: 'PRECONDITION_FAILED',
} as const;

export type DomainErrorCode = keyof typeof DOMAIN_ERRORS;

/** Every domain code, for documentation and for the client's completeness test. */
export const DOMAIN_ERROR_CODES = Object.keys(DOMAIN_ERRORS) as DomainErrorCode[];

/**
 * A field issue as a service may write it: with its code (build it with `fieldIssue`), or,
 * from code written before codes existed, path and message only (it gets the code INVALID).
 */
export type FieldIssueInput =
  FieldIssue | { path: string; message: string; code?: FieldIssueCode; params?: ErrorParams };

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly issues: readonly FieldIssue[];
  readonly params: ErrorParams;

  constructor(
    code: DomainErrorCode,
    message: string,
    issues: readonly FieldIssueInput[] = [],
    params: ErrorParams = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.issues = issues.map(withCode);
    this.params = params;
  }
}

function withCode(issue: FieldIssueInput): FieldIssue {
  if (isFieldIssueCode(issue.code)) {
    return {
      path: issue.path,
      code: issue.code,
      params: issue.params ?? {},
      message: issue.message,
    };
  }
  return { ...fieldIssue(issue.path, 'INVALID'), message: issue.message };
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
