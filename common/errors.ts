/**
 * The closed set of domain errors. Services throw DomainError with one of these codes; the
 * tRPC adapter maps each code to a transport code. Messages are for people and never carry
 * internals (SQL, stack traces).
 */

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
} as const;

export type DomainErrorCode = keyof typeof DOMAIN_ERRORS;

/** A problem with one input field: where it is and what is wrong with it. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** Values a client needs to word an error in its own language (limits, instants, …). */
export type ErrorParams = Readonly<Record<string, string | number>>;

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly issues: readonly FieldIssue[];
  readonly params: ErrorParams;

  constructor(
    code: DomainErrorCode,
    message: string,
    issues: readonly FieldIssue[] = [],
    params: ErrorParams = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.issues = issues;
    this.params = params;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
