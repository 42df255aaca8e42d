/**
 * The Hono app: tRPC at /trpc, the CSV statement export, and a health check. Shared by the
 * Node entry and (later) the Worker entry; it knows nothing about how it is served.
 */
import { trpcServer } from '@hono/trpc-server';
import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { serialize } from 'hono/utils/cookie';
import * as v from 'valibot';
import { DOMAIN_ERRORS, DomainError } from '../common/errors.ts';
import { LedgerFilterInput } from '../common/schemas.ts';
import type { Actor } from './auth/keys.ts';
import { SESSION_COOKIE } from './auth/sessions.ts';
import type { WalletDeps } from './context.ts';
import { paymentRoutes } from './payments/routes.ts';
import { readinessRoute } from './readiness.ts';
import { exportLedgerCsv } from './services/ledger/exportCsv.ts';
import { appRouter } from './trpc/router.ts';
import type { RequestContext } from './trpc/init.ts';

export interface AppOptions {
  /** The caller's address as the runtime knows it (Node: the socket; Workers: a header). */
  readonly clientAddress?: (c: Context) => string | undefined;
}

export function createApp(deps: WalletDeps, options: AppOptions = {}): Hono {
  const clientAddress = (c: Context) => options.clientAddress?.(c) ?? 'unknown';
  const app = new Hono();

  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', readinessRoute(deps.database));
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
    if (!actor) return c.json({ error: 'sign in, or send a valid API key' }, 401);
    const parsed = v.safeParse(LedgerFilterInput, ledgerQuery(c));
    if (!parsed.success) {
      const issues = parsed.issues.map((issue) => ({
        path: v.getDotPath(issue) ?? '(input)',
        message: issue.message,
      }));
      return c.json({ error: 'invalid query', issues }, 400);
    }
    try {
      const stream = exportLedgerCsv(
        { ...deps, actor, clientAddress: clientAddress(c), origin: new URL(c.req.url).origin },
        parsed.output,
      );
      const name = `statement-${parsed.output.accountId}.csv`;
      return new Response(stream, {
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${name}"`,
        },
      });
    } catch (error) {
      if (error instanceof DomainError) {
        const status = DOMAIN_ERRORS[error.code] === 'FORBIDDEN' ? 403 : 400;
        return c.json({ error: error.message }, status);
      }
      throw error;
    }
  });

  return app;
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
