/**
 * tRPC setup: the request context, the error adapter and the procedure builders.
 *
 * Errors: every error carries a domain code, its parameters and its field issues
 * (server/trpc/errors.ts): a DomainError maps to its transport code with its own message; a
 * validation failure comes back as BAD_REQUEST naming each field, its code and reason;
 * anything else becomes an INTERNAL_SERVER_ERROR whose message and stack never reach the
 * client.
 */
import { TRPCError, initTRPC, StandardSchemaV1Error } from '@trpc/server';
import { DOMAIN_ERRORS, DomainError } from '../../common/errors.ts';
import type { Actor } from '../auth/keys.ts';
import type { WalletDeps, ServiceContext } from '../context.ts';
import { errorDataOf } from './errors.ts';

export interface RequestContext extends WalletDeps {
  /** Null when the request carried no valid key or session. */
  readonly actor: Actor | null;
  readonly clientAddress: string;
  readonly origin: string;
  /** The User-Agent header, stored with a new session so its owner can recognise it. */
  readonly userAgent: string;
  /** The session cookie's token, if the request carried one. */
  readonly sessionToken: string | null;
  /** Sets (or, with null, clears) the session cookie on the response. */
  readonly setSessionCookie: (token: string | null, maxAgeMs: number) => void;
}

const t = initTRPC.context<RequestContext>().create({
  errorFormatter({ shape, error }) {
    const data = errorDataOf(error);
    return {
      message: data.message,
      code: shape.code,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        domainCode: data.domainCode,
        params: data.params,
        issues: data.issues,
      },
    };
  },
});

export const router = t.router;

/** Maps domain errors to transport errors; validation messages name the field. */
const errorAdapter = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof DomainError) {
      throw new TRPCError({ code: DOMAIN_ERRORS[cause.code], message: cause.message, cause });
    }
    if (cause instanceof StandardSchemaV1Error) {
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: errorDataOf(result.error).message,
        cause,
      });
    }
    if (result.error.code === 'INTERNAL_SERVER_ERROR') {
      console.error('[wallet] unexpected error', result.error.cause ?? result.error);
    }
  }
  return result;
});

export const publicProcedure = t.procedure.use(errorAdapter);

/**
 * What a person whose password an operator reset may still do until they change it (besides
 * the public `auth.me` and `auth.signOut`).
 */
const WHILE_PASSWORD_MUST_CHANGE: ReadonlySet<string> = new Set([
  'auth.changePassword',
  'auth.signOutEverywhere',
]);

/**
 * Requires a valid API key or session; hands services a context with a non-null actor. A
 * person who must change their password gets PASSWORD_CHANGE_REQUIRED for anything else.
 */
export const authedProcedure = publicProcedure.use(({ ctx, path, next }) => {
  if (!ctx.actor) {
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message: 'sign in, or send a valid API key (Authorization: Bearer aw_…)',
    });
  }
  if (ctx.actor.mustChangePassword && !WHILE_PASSWORD_MUST_CHANGE.has(path)) {
    throw new DomainError(
      'PASSWORD_CHANGE_REQUIRED',
      'your password was reset: choose a new one before doing anything else',
    );
  }
  const service: ServiceContext = { ...ctx, actor: ctx.actor };
  return next({ ctx: service });
});
