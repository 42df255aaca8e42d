/**
 * A named lease in the `leases` table: held by one owner until it lapses, renewed by its
 * holder. Taken with one statement (an upsert that only overwrites a lapsed or own lease), so
 * two processes cannot both hold it.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { leases } from '../../db/schema/index.ts';

export async function holdLease(
  db: Db,
  name: string,
  owner: string,
  nowMs: number,
  forMs: number,
): Promise<boolean> {
  const rows = await db
    .insert(leases)
    .values({ name, owner, untilMs: nowMs + forMs })
    .onConflictDoUpdate({
      target: leases.name,
      set: { owner, untilMs: nowMs + forMs },
      setWhere: sql`${leases.owner} = ${owner} OR ${leases.untilMs} < ${nowMs}`,
    })
    .returning({ owner: leases.owner });
  return rows.length === 1 && rows[0]?.owner === owner;
}
