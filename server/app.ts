/**
 * The Hono app: tRPC at /trpc, the CSV exports (csvRoutes.ts), the REST API at /v1 with its
 * OpenAPI document and reference page (server/rest/), and a health check. Shared by the
 * Node entry and the Worker entry; it knows nothing about how it is served. Every response
 * gets the security headers, and every request is held to the limits of server/http/ before
 * a route reads its body.
 */
import { trpcServer } from '@hono/trpc-server';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { serialize } from 'hono/utils/cookie';
import { MAX_BATCH_CALLS, PUBLIC_BODY_MAX_BYTES } from '../common/limits.ts';
import type { Actor } from './auth/keys.ts';
import { SESSION_COOKIE } from './auth/sessions.ts';
import type { WalletDeps } from './context.ts';
import { plainRefusal, tooLargeMessage } from './http/refusals.ts';
import { securityHeaders } from './http/securityHeaders.ts';
import { problemRefusal } from './http/problem.ts';
import { requestGuards, trpcGuards } from './http/trpcGuards.ts';
import { clientAddress, clientInfo, isHttps } from './http/clientInfo.ts';
import { csvRoutes } from './csvRoutes.ts';
import { paymentRoutes } from './payments/routes.ts';
import { readinessRoute } from './readiness.ts';
import { API_VERSION_PREFIX, restApi } from './rest/openapi.ts';
import { appRouter } from './trpc/router.ts';
import type { RequestContext } from './trpc/init.ts';

export interface AppOptions {
  /**
   * The peer's address as the runtime knows it (Node: the socket; Workers: a header). The
   * client's address is worked out from it and the trusted proxies' headers (clientInfo.ts).
   */
  readonly clientAddress?: (c: Context) => string | undefined;
  /**
   * The web client for GET requests no route answers: its files, and index.html for the
   * client's own routes (Node: from disk; Workers: what Cloudflare's assets did not serve).
   */
  readonly client?: MiddlewareHandler;
}

export function createApp(deps: WalletDeps, options: AppOptions = {}): Hono {
  const actorOnce = actorPerRequest(deps);
  const app = new Hono();
  app.use(
    '*',
    clientInfo({
      trustProxyHops: deps.config.trustProxyHops,
      publicUrl: deps.config.publicUrl,
      peerAddress: (c) => options.clientAddress?.(c),
    }),
  );

  app.use('*', securityHeaders());
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', readinessRoute(deps.database));
  // The test clock, where on, rereads its offset at most once a second (server/testClock.ts);
  // after the probes, which must answer without the database.
  app.use('*', async (_c, next) => {
    await deps.clock.refresh?.();
    await next();
  });
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
  app.route('/payments', paymentRoutes(deps, { actorOf: actorOnce }));

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
        userAgent: c.req.header('user-agent') ?? '',
        setSessionCookie: (token, maxAgeMs) => {
          const secure = isHttps(c);
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

  const serviceContextOf = async (c: Context) => {
    const actor = await actorOnce(c);
    if (!actor) return null;
    return { ...deps, actor, clientAddress: clientAddress(c), origin: new URL(c.req.url).origin };
  };
  app.route('/', csvRoutes(serviceContextOf));

  // The REST API: the same guards as /trpc, refusing with problem details (server/rest/).
  const isAuthenticated = async (c: Context) => (await actorOnce(c)) !== null;
  app.use(`${API_VERSION_PREFIX}/*`, ...requestGuards(isAuthenticated, problemRefusal));
  app.route('/', restApi(serviceContextOf));

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
