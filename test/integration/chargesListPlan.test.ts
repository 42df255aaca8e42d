/**
 * How SQLite reads the charges list when no account is named (the operator's view of every
 * account, docs/API.md): newest first, it must walk an index in that order and stop after a
 * page, not sort the whole table — at a million charges the sort took 1.5 s for a first page
 * (docs/BENCHMARKS.md, run 5). Checked on the real schema with `EXPLAIN QUERY PLAN` of the
 * very statement the service builds, on the first page and after a cursor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type NodeDatabase } from '../../db/client.ts';
import type { ServiceContext } from '../../server/context.ts';
import { readChargePage } from '../../server/services/charges/list.ts';
import { freshDatabasePath } from '../helpers/server.ts';

let database: NodeDatabase;

beforeAll(async () => {
  database = await openDatabase(`file:${freshDatabasePath()}`);
});
afterAll(() => database.close());

async function planOf(cursor: string | null): Promise<string> {
  // The page query needs only the database from the service context.
  const ctx = { database } as unknown as ServiceContext;
  const query = readChargePage(ctx, [], cursor, 51) as unknown as {
    toSQL(): { sql: string; params: unknown[] };
  };
  const { sql, params } = query.toSQL();
  const plan = await database.client.execute({
    sql: `EXPLAIN QUERY PLAN ${sql}`,
    args: params as never[],
  });
  return plan.rows.map((row) => String(row.detail)).join('\n');
}

describe("every account's charges, newest first", () => {
  it('walks the settled-time index for the first page, with no sort', async () => {
    const plan = await planOf(null);
    expect(plan).toMatch(/charges_settled\b/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });

  it('seeks past the cursor in that index for the next pages, with no sort', async () => {
    const plan = await planOf(`${Date.now()}:chg-cursor`);
    expect(plan).toMatch(/charges_settled\b/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });
});
