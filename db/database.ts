/**
 * What services need from a database, whatever runs it: embedded libSQL on Node, a libSQL
 * server over HTTP, or Cloudflare D1. Every driver exposes the same Drizzle query surface and
 * an atomic `batch`; nothing in the services knows which one it has.
 */
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import type * as schema from './schema/index.ts';
import type { CommitStore } from './store.ts';

export type Schema = typeof schema;

/**
 * The Drizzle database the services use. D1's Drizzle class differs only in the raw result
 * type of `run`, which no service reads, so the D1 adapter presents itself as this type.
 */
export type Db = LibSQLDatabase<Schema>;

export interface Database {
  readonly db: Db;
  /** Most parameters one statement may bind: SQLite 32766 (we keep a margin), D1 100. */
  readonly maxParams: number;
  /** Where the writer loads and commits its groups: the driver's fastest path. */
  readonly store: CommitStore;
  /** Re-applies per-connection settings after a failed write; a no-op where there are none. */
  reapplyPragmas(): Promise<void>;
  /** Closes the connection and the store's. */
  close(): void;
}
