/**
 * The REST API mounted with its description: the routes under /v1, the OpenAPI 3.1 document
 * generated from them at /openapi.json, and the reference page at /docs/api.
 *
 * The reference page is Swagger UI served from this origin (the files of `swagger-ui-dist`,
 * copied into the client build by scripts/buildPlugins.ts, and client/public/docs/api/init.js
 * to start it), so it runs under the app's Content-Security-Policy unchanged: no CDN, no
 * inline script (docs/decisions/012-rest-openapi.md).
 */
import { swaggerUI } from '@hono/swagger-ui';
import { Hono } from 'hono';
import { openAPIRouteHandler } from 'hono-openapi';
import type { ContextOf } from './context.ts';
import { restRoutes } from './routes.ts';

export const API_VERSION_PREFIX = '/v1';
export const OPENAPI_PATH = '/openapi.json';
export const REFERENCE_PATH = '/docs/api';
/** Where the client build puts Swagger UI's files (scripts/buildPlugins.ts). */
export const SWAGGER_ASSETS_PATH = '/docs/api/assets';

export function restApi(contextOf: ContextOf): Hono {
  const api = new Hono();
  api.route(API_VERSION_PREFIX, restRoutes(contextOf));
  api.get(
    OPENAPI_PATH,
    openAPIRouteHandler(api, {
      exclude: [OPENAPI_PATH, REFERENCE_PATH],
      documentation: {
        openapi: '3.1.0',
        info: {
          title: 'Account Wallet API',
          version: '1',
          description:
            'Settle charges, read balances and the ledger, activate codes. Authenticate with ' +
            'an API key: `Authorization: Bearer aw_…`. Failures are RFC 9457 problem details ' +
            'with a stable `code`. The typed tRPC API at /trpc offers the same procedures.',
        },
        components: {
          securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
        },
      },
    }),
  );
  api.get(
    REFERENCE_PATH,
    swaggerUI({
      url: OPENAPI_PATH,
      title: 'Account Wallet API',
      manuallySwaggerUIHtml: () => referenceBody(),
    }),
  );
  return api;
}

/** Swagger UI from this origin; init.js starts it on OPENAPI_PATH (no inline script). */
function referenceBody(): string {
  return [
    `<link rel="stylesheet" href="${SWAGGER_ASSETS_PATH}/swagger-ui.css" />`,
    '<div id="swagger-ui"></div>',
    `<script src="${SWAGGER_ASSETS_PATH}/swagger-ui-bundle.js"></script>`,
    `<script src="${REFERENCE_PATH}/init.js"></script>`,
  ].join('\n');
}
