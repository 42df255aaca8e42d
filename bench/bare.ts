/**
 * The ceiling: a bare Hono + @hono/trpc-server app with one no-op mutation, served by
 * @hono/node-server exactly as the wallet is, and nothing else — no context, no auth, no
 * middleware, no database. The benchmark runs it as a child process beside the wallet and
 * reports every settle figure as a fraction of its requests per second, measured in the same
 * run. `node --import tsx bench/bare.ts`; prints the listening URL on stdout.
 */
import { serve } from '@hono/node-server';
import { trpcServer } from '@hono/trpc-server';
import { initTRPC } from '@trpc/server';
import { Hono } from 'hono';

const t = initTRPC.create();
const router = t.router({ ping: t.procedure.mutation(() => ({ ok: true as const })) });

const app = new Hono();
app.use('/trpc/*', trpcServer({ router }));

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  console.log(`bare no-op listening on http://127.0.0.1:${info.port}`);
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
