/**
 * The REST routes' plumbing: the caller's service context, validation failures and service
 * errors as problem details (server/http/problem.ts), and query strings read as the JSON the
 * schemas expect. The rules themselves are the tRPC procedures': the same schemas
 * (common/schemas.ts) and the same services.
 */
import type { Context } from 'hono';
import * as v from 'valibot';
import { DomainError } from '../../common/errors.ts';
import { fieldIssuesOf } from '../../common/issues.ts';
import type { ServiceContext } from '../context.ts';
import { problemResponse } from '../http/problem.ts';
import { INTERNAL_MESSAGE, domainErrorData, validationData } from '../trpc/errors.ts';

/** The service context of a request, or null when it carries no valid key or session. */
export type ContextOf = (c: Context) => Promise<ServiceContext | null>;

/**
 * The caller, as `authedProcedure` admits one: a valid key or session, and no password that
 * must be changed first.
 */
export async function callerOf(c: Context, contextOf: ContextOf): Promise<ServiceContext> {
  const ctx = await contextOf(c);
  if (!ctx) {
    throw new DomainError(
      'SIGN_IN_REQUIRED',
      'send a valid API key (Authorization: Bearer aw_…), or sign in',
    );
  }
  if (ctx.actor.mustChangePassword) {
    throw new DomainError(
      'PASSWORD_CHANGE_REQUIRED',
      'your password was reset: choose a new one before doing anything else',
    );
  }
  return ctx;
}

/** Validates `input` with a schema of common/schemas.ts; a failure names every field. */
export function parse<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  throw new ValidationFailure(result.issues);
}

/** Raised by `parse` and the body validators; answered as VALIDATION with the field issues. */
export class ValidationFailure extends Error {
  readonly issues: readonly v.BaseIssue<unknown>[];
  constructor(issues: readonly v.BaseIssue<unknown>[]) {
    super('validation failed');
    this.issues = issues;
  }
}

/** The `onError` of the REST app: every failure as problem details, internals never. */
export function answerError(error: Error, c: Context): Response {
  if (error instanceof DomainError) return problemResponse(c, domainErrorData(error));
  if (error instanceof ValidationFailure) {
    return problemResponse(c, validationData(fieldIssuesOf(error.issues)));
  }
  console.error('[wallet] unexpected error', error);
  return problemResponse(c, {
    domainCode: 'INTERNAL',
    params: {},
    issues: [],
    message: INTERNAL_MESSAGE,
  });
}

/**
 * A query string as the JSON input of the tRPC twin: whole numbers for the fields the schema
 * takes as numbers. Anything else stays a string, so the schema refuses it with the field's
 * name (WRONG_TYPE), as tRPC would refuse a string there.
 */
export function queryInput(raw: Record<string, string>, numeric: readonly string[]): unknown {
  const input: Record<string, unknown> = { ...raw };
  for (const key of numeric) {
    const value = input[key];
    if (typeof value === 'string' && /^-?[0-9]{1,16}$/.test(value)) input[key] = Number(value);
  }
  return input;
}
