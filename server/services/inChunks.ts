/**
 * Queries by a list of ids, in chunks a driver can bind: D1 binds at most 100 parameters per
 * statement (`Database.maxParams`), and a query keeps a few for its other conditions.
 */
const RESERVED_PARAMS = 10;

export async function inChunks<T>(
  ids: readonly string[],
  maxParams: number,
  query: (chunk: string[]) => Promise<T[]>,
): Promise<T[]> {
  const size = Math.max(1, maxParams - RESERVED_PARAMS);
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += size) chunks.push(ids.slice(i, i + size));
  return (await Promise.all(chunks.map(query))).flat();
}
