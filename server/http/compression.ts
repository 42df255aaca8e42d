/**
 * Compression of answers on Node (at the edge Cloudflare compresses, outside the Worker's
 * CPU): Hono's `compress` (gzip) for text, with two refinements.
 *
 * - JSON answers get a Content-Length first, so `compress` can leave the small ones alone.
 *   Most tRPC answers (a settled charge, an activation) are a few hundred bytes: a gzip
 *   stream each would cost the hot paths more CPU and memory than it saves. tRPC has the
 *   whole answer in memory already, so measuring it costs nothing.
 * - Streams without a length (the CSV export) are compressed as they stream.
 *
 * The client's own files come precompressed from the build (Brotli and gzip) and carry their
 * Content-Encoding, which `compress` respects.
 */
import type { MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';

const MIN_BYTES = 1024;

const measureJson: MiddlewareHandler = async (c, next) => {
  await next();
  // Nothing to decide for a client that takes no compression.
  if (!c.req.header('accept-encoding')) return;
  const type = c.res.headers.get('content-type') ?? '';
  if (!type.startsWith('application/json') || c.res.headers.has('content-length')) return;
  const body = await c.res.arrayBuffer();
  const measured = new Response(body, c.res);
  measured.headers.set('content-length', String(body.byteLength));
  c.res = measured;
};

export function compression(): MiddlewareHandler[] {
  return [compress({ threshold: MIN_BYTES }), measureJson];
}
