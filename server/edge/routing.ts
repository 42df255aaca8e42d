/**
 * Which requests the Worker hands to the writer object (docs/decisions/005-edge-operations.md).
 *
 * Only writes that move money need the writer's grouping. People, sessions, keys and
 * invitations are served by the Worker straight from the database, so a sign-in's 100,000
 * PBKDF2 iterations never queue in front of settlements. Everything else that may write — any
 * other tRPC mutation, the payment routes — goes to the writer: the safe default for a money
 * mutation added later. A batch goes to the writer when any of its calls must.
 *
 * The REST API follows the same rule: every call under /v1 but GET and the preview (a read
 * sent as POST) goes to the writer, so a REST settlement is grouped with the tRPC ones.
 *
 * Routing is about throughput, not correctness: the account version compare-and-set guards
 * every money write wherever it runs.
 */

/** tRPC procedures served by the Worker itself: they never touch a balance. */
const DIRECT_PROCEDURES: readonly RegExp[] = [
  /^auth\.[A-Za-z]+$/,
  /^users\.[A-Za-z]+$/,
  /^apiKeys\.[A-Za-z]+$/,
  /^admin\.createApiKey$/,
  /^accounts\.createApiKey$/,
];

const TRPC_PREFIX = '/trpc/';
const REST_PREFIX = '/v1/';
/** REST calls sent as POST that only read. */
const REST_READS: ReadonlySet<string> = new Set(['/v1/charges/preview']);

export function needsWriter(request: Request): boolean {
  const url = new URL(request.url);
  if (url.pathname.startsWith('/payments/')) return true;
  if (url.pathname.startsWith(REST_PREFIX)) {
    return !['GET', 'HEAD'].includes(request.method) && !REST_READS.has(url.pathname);
  }
  if (request.method !== 'POST' || !url.pathname.startsWith(TRPC_PREFIX)) return false;
  const procedures = procedurePaths(url.pathname);
  return procedures === null || procedures.some((path) => !isDirect(path));
}

/** The procedures of a tRPC call or batch, read as tRPC reads them; null if unreadable. */
function procedurePaths(pathname: string): string[] | null {
  const path = pathname.slice(TRPC_PREFIX.length).replace(/^\/+|\/+$/g, '');
  try {
    return decodeURIComponent(path).split(',');
  } catch {
    return null;
  }
}

function isDirect(procedure: string): boolean {
  return DIRECT_PROCEDURES.some((pattern) => pattern.test(procedure));
}
