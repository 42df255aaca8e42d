/**
 * Whether a database's schema is the one this code was built with: the migrations listed in
 * db/migrations/meta/_journal.json against the ones the database records as applied.
 *
 * Two tools record applied migrations, and a database may have been migrated by either:
 * - wrangler (`wrangler d1 migrations apply`) keeps a row per file in `d1_migrations`
 *   (`name` = `0002_users.sql`);
 * - Drizzle's migrator (the Node server, `npm run db:migrate`, drizzle-kit) keeps a row per
 *   migration in `__drizzle_migrations` whose `created_at` is the journal's `when`, and
 *   applies every journal entry newer than the newest row — so an entry counts as applied
 *   when it is not newer than that row.
 *
 * Runtime-agnostic (Node, Workers): reads through the Drizzle surface every driver has.
 */
import { sql } from 'drizzle-orm';
import journal from './migrations/meta/_journal.json' with { type: 'json' };
import type { Db } from './database.ts';

interface JournalEntry {
  readonly tag: string;
  readonly when: number;
}

/** The migrations this code expects, oldest first (e.g. `0002_users`). */
export const EXPECTED_MIGRATIONS: readonly JournalEntry[] = journal.entries.map((entry) => ({
  tag: entry.tag,
  when: entry.when,
}));

export interface SchemaStatus {
  /** True when every migration this code expects is applied. */
  readonly current: boolean;
  /** The newest migration this code expects. */
  readonly expected: string | null;
  /** The newest expected migration the database has, or null for an empty database. */
  readonly applied: string | null;
  /** Expected migrations the database lacks, oldest first. */
  readonly pending: readonly string[];
}

/** Thrown where the schema must be current and is not; the message says what to run. */
export class MigrationsPendingError extends Error {
  constructor(
    readonly status: SchemaStatus,
    advice: string,
  ) {
    super(`migrations pending: ${status.pending.join(', ')}. ${advice}`);
    this.name = 'MigrationsPendingError';
  }
}

export async function readSchemaStatus(db: Db): Promise<SchemaStatus> {
  const tables = await db.all<{ name: string }>(
    sql`SELECT name FROM sqlite_master WHERE type = 'table'
        AND name IN ('d1_migrations', '__drizzle_migrations')`,
  );
  const has = (name: string) => tables.some((table) => table.name === name);
  const byWrangler = has('d1_migrations') ? await wranglerApplied(db) : new Set<string>();
  const drizzleNewestMs = has('__drizzle_migrations') ? await drizzleNewest(db) : null;
  const isApplied = (entry: JournalEntry) =>
    byWrangler.has(entry.tag) || (drizzleNewestMs !== null && entry.when <= drizzleNewestMs);
  const pending = EXPECTED_MIGRATIONS.filter((entry) => !isApplied(entry)).map((e) => e.tag);
  const applied = EXPECTED_MIGRATIONS.filter(isApplied).at(-1)?.tag ?? null;
  return {
    current: pending.length === 0,
    expected: EXPECTED_MIGRATIONS.at(-1)?.tag ?? null,
    applied,
    pending,
  };
}

async function wranglerApplied(db: Db): Promise<Set<string>> {
  const rows = await db.all<{ name: string }>(sql`SELECT name FROM d1_migrations`);
  return new Set(rows.map((row) => row.name.replace(/\.sql$/, '')));
}

async function drizzleNewest(db: Db): Promise<number | null> {
  const [row] = await db.all<{ newest: number | string | null }>(
    sql`SELECT MAX(created_at) AS newest FROM __drizzle_migrations`,
  );
  return row?.newest === null || row?.newest === undefined ? null : Number(row.newest);
}
