/**
 * The web client at the edge, for what Cloudflare's static assets did not serve (wrangler.toml
 * sets `not_found_handling = "none"`, so every miss reaches the Worker): index.html for the
 * client's own routes, 404 under /assets/. Cloudflare's "single-page-application" handling
 * cannot do this: with `run_worker_first` routes it answers every miss with index.html,
 * a missing /assets/x.js included. The `_headers` rules of "/" (no-cache, the security
 * headers) come with the page.
 */
import type { MiddlewareHandler } from 'hono';

interface AssetsBinding {
  fetch(input: string | URL): Promise<Response>;
}

export const edgeClient: MiddlewareHandler = async (c) => {
  const assets = (c.env as { ASSETS?: AssetsBinding } | undefined)?.ASSETS;
  if (c.req.path.startsWith('/assets/') || !assets) return c.notFound();
  const page = await assets.fetch(new URL('/', c.req.url));
  // A copy: the headers of a fetched response cannot be changed, and more are added.
  return new Response(page.body, page);
};
