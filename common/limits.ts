/**
 * The sizes every HTTP request must fit (docs/decisions/006-http-limits.md). The server
 * enforces them before it reads a body in full; the clients split their batches to fit.
 */

/** Bodies of requests without a valid key or session: sign-in, Alipay's notify, the sandbox. */
export const PUBLIC_BODY_MAX_BYTES = 16 * 1024;

/**
 * Bodies of authenticated tRPC calls. A settleBatch of 1,000 charges at every field's maximum
 * is 1.9 MB as UTF-8 and 3.4 MB when a client escapes all non-ASCII text (\uXXXX, as
 * Python's json.dumps does by default), so 4 MiB carries the largest valid batch.
 */
export const AUTHED_BODY_MAX_BYTES = 4 * 1024 * 1024;

/** Nesting of arrays and objects in one tRPC input; the deepest valid input has 5. */
export const MAX_JSON_DEPTH = 32;

/** Procedure calls in one HTTP batch (`/trpc/a,b,c?batch=1`). */
export const MAX_BATCH_CALLS = 50;
