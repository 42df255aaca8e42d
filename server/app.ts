/**
 * The Hono app: tRPC at /trpc, the CSV exports (csvRoutes.ts), and a health check. Shared by the
 * Node entry and (later) the Worker entry; it knows nothing about how it is served.
 */
import { trpcServer } from '@hono/trpc-server';
import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { serialize } from 'hono/utils/cookie';
import type { Actor } from './auth/keys.ts';
import { SESSION_COOKIE } from './auth/sessions.ts';
import type { WalletDeps } from './context.ts';
import { csvRoutes } from './csvRoutes.ts';
import { paymentRoutes } from './payments/routes.ts';
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

  app.route(
    '/',
    csvRoutes(async (c) => {
      const actor = await actorOf(deps, c);
      if (!actor) return null;
      return { ...deps, actor, clientAddress: clientAddress(c), origin: new URL(c.req.url).origin };
    }),
  );

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
