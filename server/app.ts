/**
 * The Hono app: tRPC at /trpc, the CSV statement export, and a health check. Shared by the
 * Node entry and (later) the Worker entry; it knows nothing about how it is served.
 */
import { trpcServer } from '@hono/trpc-server';
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { getCookie } from 'hono/cookie';
import { serialize } from 'hono/utils/cookie';
import * as v from 'valibot';
import { DomainError } from '../common/errors.ts';
import { fieldIssuesOf } from '../common/issues.ts';
import { LedgerFilterInput } from '../common/schemas.ts';
import type { Actor } from './auth/keys.ts';
import { SESSION_COOKIE } from './auth/sessions.ts';
import type { WalletDeps } from './context.ts';
import { paymentRoutes } from './payments/routes.ts';
import { requireReadableAccount } from './services/access.ts';
import { exportLedgerCsv } from './services/ledger/exportCsv.ts';
import { appRouter } from './trpc/router.ts';
import {
  domainErrorData,
  errorBody,
  httpStatusOf,
  validationData,
  type ErrorData,
} from './trpc/errors.ts';
import type { RequestContext } from './trpc/init.ts';

export interface AppOptions {
  /** The caller's address as the runtime knows it (Node: the socket; Workers: a header). */
  readonly clientAddress?: (c: Context) => string | undefined;
}

export function createApp(deps: WalletDeps, options: AppOptions = {}): Hono {
  const clientAddress = (c: Context) => options.clientAddress?.(c) ?? 'unknown';
  const app = new Hono();

  app.get('/healthz', (c) => c.json({ ok: true }));
  app.route('/payments', paymentRoutes(deps));

  app.use(
    '/trpc/*',
    trpcServer({
      router: appRouter,
      createContext: async (opts, c): Promise<RequestContext & Record<string, unknown>> => ({
        ...deps,
        actor: await actorOf(deps, c),
        clientAddress: clientAddress(c),
        origin: new URL(c.req.url).origin,
        sessionToken: getCookie(c, SESSION_COOKIE) ?? null,
        setSessionCookie: (token, maxAgeMs) => {
          const secure = new URL(c.req.url).protocol === 'https:';
          opts.resHeaders.append(
            'set-cookie',
            serialize(SESSION_COOKIE, token ?? '', {
              path: '/',
              httpOnly: true,
              sameSite: 'Lax',
              secure,
              maxAge: Math.floor(maxAgeMs / 1000),
            }),
          );
        },
      }),
    }),
  );

  app.get('/ledger/export.csv', async (c) => {
    const actor = await actorOf(deps, c);
    if (!actor) {
      return failure(c, {
        domainCode: 'SIGN_IN_REQUIRED',
        params: {},
        issues: [],
        message: 'sign in, or send a valid API key',
      });
    }
    const parsed = v.safeParse(LedgerFilterInput, ledgerQuery(c));
    if (!parsed.success) return failure(c, validationData(fieldIssuesOf(parsed.issues)));
    try {
      const ctx = {
        ...deps,
        actor,
        clientAddress: clientAddress(c),
        origin: new URL(c.req.url).origin,
      };
      await requireReadableAccount(ctx, parsed.output.accountId);
      const stream = exportLedgerCsv(ctx, parsed.output);
      const name = `statement-${parsed.output.accountId}.csv`;
      return new Response(stream, {
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${name}"`,
        },
      });
    } catch (error) {
      if (error instanceof DomainError) return failure(c, domainErrorData(error));
      throw error;
    }
  });

  return app;
}

/** A refused plain HTTP request: the same error data as a tRPC error, as JSON. */
function failure(c: Context, data: ErrorData): Response {
  return c.json(errorBody(data), httpStatusOf(data.domainCode) as ContentfulStatusCode);
}

/** A bearer API key (machine clients), else the session cookie (people in the web UI). */
async function actorOf(deps: WalletDeps, c: Context): Promise<Actor | null> {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (match?.[1]) return deps.keys.verify(match[1]);
  const token = getCookie(c, SESSION_COOKIE);
  return token ? deps.sessions.verify(token) : null;
}

/**
 * Query parameters as the filter schema expects them: whole numbers for the time bounds.
 * Anything but digits stays a string, so the schema refuses it with the field's name.
 */
function ledgerQuery(c: Context): Record<string, unknown> {
  const query: Record<string, unknown> = { ...c.req.query() };
  for (const key of ['fromMs', 'toMs']) {
    const value = query[key];
    if (typeof value === 'string' && /^[0-9]{1,16}$/.test(value)) query[key] = Number(value);
  }
  return query;
}
