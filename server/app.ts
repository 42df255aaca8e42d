/**
 * The Hono app: tRPC at /trpc, the CSV statement export, and a health check. Shared by the
 * Node entry and the Worker entry; it knows nothing about how it is served. Every response
 * gets the security headers, and every request is held to the limits of server/http/ before
 * a route reads its body.
 */
import { trpcServer } from '@hono/trpc-server';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { serialize } from 'hono/utils/cookie';
import * as v from 'valibot';
import { DOMAIN_ERRORS, DomainError } from '../common/errors.ts';
import { MAX_BATCH_CALLS, PUBLIC_BODY_MAX_BYTES } from '../common/limits.ts';
import { LedgerFilterInput } from '../common/schemas.ts';
import type { Actor } from './auth/keys.ts';
import { SESSION_COOKIE } from './auth/sessions.ts';
import type { WalletDeps } from './context.ts';
import { plainRefusal, tooLargeMessage } from './http/refusals.ts';
import { securityHeaders } from './http/securityHeaders.ts';
import { trpcGuards } from './http/trpcGuards.ts';
import { paymentRoutes } from './payments/routes.ts';
import { exportLedgerCsv } from './services/ledger/exportCsv.ts';
import { appRouter } from './trpc/router.ts';
import type { RequestContext } from './trpc/init.ts';

export interface AppOptions {
  /** The caller's address as the runtime knows it (Node: the socket; Workers: a header). */
  readonly clientAddress?: (c: Context) => string | undefined;
  /**
   * The web client for GET requests no route answers: its files, and index.html for the
   * client's own routes (Node: from disk; Workers: what Cloudflare's assets did not serve).
   */
  readonly client?: MiddlewareHandler;
}

export function createApp(deps: WalletDeps, options: AppOptions = {}): Hono {
  const clientAddress = (c: Context) => options.clientAddress?.(c) ?? 'unknown';
  const actorOnce = actorPerRequest(deps);
  const app = new Hono();

  app.use('*', securityHeaders(deps.config.publicUrl));
  app.get('/healthz', (c) => c.json({ ok: true }));
  // Nothing under /payments needs more than a form of a few fields.
  app.use(
    '/payments/*',
    bodyLimit({
      maxSize: PUBLIC_BODY_MAX_BYTES,
      onError: (c) =>
        plainRefusal(
          c,
          'PAYLOAD_TOO_LARGE',
          tooLargeMessage(PUBLIC_BODY_MAX_BYTES, 'of the payment routes'),
        ),
    }),
  );
  app.route('/payments', paymentRoutes(deps));

  app.use('/trpc/*', ...trpcGuards(async (c) => (await actorOnce(c)) !== null));
  app.use(
    '/trpc/*',
    trpcServer({
      router: appRouter,
      // The guard above answers first, with the limit in its message; this is the backstop.
      maxBatchSize: MAX_BATCH_CALLS,
      createContext: async (opts, c): Promise<RequestContext & Record<string, unknown>> => ({
        ...deps,
        actor: await actorOnce(c),
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

  if (options.client) app.get('*', options.client);
  return app;
}

/**
 * The caller of a request, verified once: the body limit needs it before the body is read,
 * and the tRPC context needs it after.
 */
function actorPerRequest(deps: WalletDeps): (c: Context) => Promise<Actor | null> {
  const actors = new WeakMap<Context, Promise<Actor | null>>();
  return (c) => {
    let actor = actors.get(c);
    if (!actor) {
      actor = actorOf(deps, c);
      actors.set(c, actor);
    }
    return actor;
  };
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
