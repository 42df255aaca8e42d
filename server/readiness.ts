/**
 * Readiness: whether this code can serve requests on the database it has. `/healthz` says
 * only that the process answers (liveness, no database); `/readyz` says whether the schema
 * is the one the code was built with (docs/API.md, docs/OPERATIONS.md "Deploy order").
 */
import type { Context } from 'hono';
import type { Database } from '../db/database.ts';
import { readSchemaStatus, type SchemaStatus } from '../db/schemaVersion.ts';

/** What a deployment whose schema is behind should do; shown in every 503. */
export const APPLY_MIGRATIONS_ADVICE =
  'Apply the migrations (wrangler d1 migrations apply DB --remote, or npm run db:migrate ' +
  'for a libSQL database), then retry; see docs/OPERATIONS.md.';

/** Seconds a client should wait before retrying a 503 of a deployment being migrated. */
const RETRY_AFTER_SECONDS = '10';

/** GET /readyz: 200 when the schema is current, 503 otherwise. Reads the database each time. */
export function readinessRoute(database: Database) {
  return async (c: Context) => {
    const url = new URL(c.req.url);
    let status: SchemaStatus;
    try {
      status = await readSchemaStatus(database.db);
    } catch (error) {
      return databaseUnavailable(url, error);
    }
    if (!status.current) return migrationsPending(url, status);
    return c.json({ status: 'ready', schema: status.applied });
  };
}

/** The answer to a request that needs the database while migrations are pending. */
export function migrationsPending(url: URL, status: SchemaStatus): Response {
  const message = `migrations pending (${status.pending.join(', ')}). ${APPLY_MIGRATIONS_ADVICE}`;
  return unavailable(url, message, {
    status: 'migrations pending',
    schema: status.applied,
    expected: status.expected,
    pending: status.pending,
  });
}

/** The answer when the database did not answer the readiness check; the cause is logged. */
export function databaseUnavailable(url: URL, error: unknown): Response {
  console.error('[wallet] readiness: the database did not answer', error);
  return unavailable(url, 'the database did not answer; retry later', {
    status: 'database unavailable',
  });
}

/**
 * 503 with what is wrong. tRPC callers get a tRPC error (code SERVICE_UNAVAILABLE) so typed
 * clients report it as such; a batch client applies the one error to each of its calls.
 */
function unavailable(url: URL, message: string, body: Record<string, unknown>): Response {
  const payload = url.pathname.startsWith('/trpc/')
    ? {
        error: {
          message,
          code: -32603,
          data: {
            code: 'SERVICE_UNAVAILABLE',
            httpStatus: 503,
            domainCode: null,
            issues: [],
            ...body,
          },
        },
      }
    : { ...body, message };
  return Response.json(payload, { status: 503, headers: { 'retry-after': RETRY_AFTER_SECONDS } });
}
