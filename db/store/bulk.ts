/**
 * One UPDATE for many rows: `SET col = CASE id WHEN ? THEN ? … END WHERE id IN (…)`. A write
 * group that touches fifty accounts then costs one statement instead of fifty — statements,
 * not rows, are what a group pays for (each is prepared anew by the driver, and each is a
 * round trip at the edge). Row-level triggers still fire per row, so the accounts' version
 * compare-and-set holds exactly as with one statement per row.
 */
import { inArray, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../database.ts';

export interface RowChange {
  readonly id: string;
  /** Column key (as in the Drizzle table) → new value. Every row sets the same keys. */
  readonly set: Readonly<Record<string, unknown>>;
}

export function bulkUpdates(
  db: Db,
  table: SQLiteTable,
  idColumn: SQLiteColumn,
  changes: readonly RowChange[],
  maxParams: number,
): BatchItem<'sqlite'>[] {
  const [first] = changes;
  if (!first) return [];
  const keys = Object.keys(first.set);
  // Each row binds its id once per column (WHEN ? THEN ?) plus once in the IN list.
  const perRow = keys.length * 2 + 1;
  const size = Math.max(1, Math.floor(maxParams / perRow));
  const statements: BatchItem<'sqlite'>[] = [];
  for (let i = 0; i < changes.length; i += size) {
    const part = changes.slice(i, i + size);
    const set: Record<string, unknown> = {};
    for (const key of keys) {
      set[key] =
        part.length === 1
          ? part[0]?.set[key]
          : caseOf(
              idColumn,
              part.map((change) => [change.id, change.set[key]] as const),
            );
    }
    statements.push(
      db
        .update(table)
        .set(set as never)
        .where(
          inArray(
            idColumn,
            part.map((change) => change.id),
          ),
        ) as BatchItem<'sqlite'>,
    );
  }
  return statements;
}

function caseOf(idColumn: SQLiteColumn, pairs: readonly (readonly [string, unknown])[]): SQL {
  const whens = pairs.map(([id, value]) => sql`WHEN ${id} THEN ${value}`);
  return sql`CASE ${idColumn} ${sql.join(whens, sql` `)} END`;
}
