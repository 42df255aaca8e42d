/**
 * The built web client on Node: files from dist/client, and index.html for the client's own
 * routes (/accounts/…, /operator/…), so a reload anywhere in the UI works.
 *
 * - A missing file under /assets/ is 404: those URLs are hashed file names, never routes, and
 *   a page that asks for one must not get HTML back as a script.
 * - Hashed files are cached for a year and never revalidated; index.html is revalidated on
 *   every use, so a new build is picked up at once.
 * - The build writes a Brotli and a gzip copy of every text file; they are served when the
 *   browser accepts them (other responses are compressed on the fly, see node.ts).
 * - The edge's metadata files (`_headers`, `.assetsignore`) are not served.
 */
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, MiddlewareHandler } from 'hono';
import { IMMUTABLE, REVALIDATE } from './securityHeaders.ts';

const EDGE_ONLY = new Set(['/_headers', '/.assetsignore']);

export function nodeClient(root: string): MiddlewareHandler {
  const cache = (_path: string, c: Context) => {
    c.header('Cache-Control', c.req.path.startsWith('/assets/') ? IMMUTABLE : REVALIDATE);
  };
  const files = serveStatic({ root, precompressed: true, onFound: cache });
  const index = serveStatic({
    path: join(root, 'index.html'),
    precompressed: true,
    onFound: (_path, c) => {
      c.header('Cache-Control', REVALIDATE);
    },
  });
  const notServed = async () => {};
  return async (c, next) => {
    if (!EDGE_ONLY.has(c.req.path)) {
      const file = await files(c, notServed);
      if (file) return file;
    }
    if (c.req.path.startsWith('/assets/')) return c.notFound();
    return index(c, next);
  };
}
