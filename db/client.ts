/**
 * Opens the database for Node: an embedded libSQL file by default, or a remote libSQL server.
 *
 * On a file the writer gets its own connection through the native driver (store/native.ts),
 * with statements prepared once; everything else goes through @libsql/client and Drizzle.
 *
 * The embedded client is limited to one connection: libSQL's local calls are synchronous, so
 * one connection serves the whole process, and every connection we use gets WAL,
 * `synchronous=FULL` and a busy timeout (so another process's write lock is waited for rather
 * than failing at once). `reapplyPragmas` runs after any failed write, because the client
 * replaces a connection that broke.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import type { Database } from './database.ts';
import * as schema from './schema/index.ts';
import type { CommitStore } from './store.ts';
import { DrizzleStore } from './store/drizzle.ts';
import { NativeStore } from './store/native.ts';

export type { Database, Db, Schema } from './database.ts';

/** A database opened on Node, with the libSQL client underneath for raw statements. */
export interface NodeDatabase extends Database {
  readonly client: Client;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

// The busy timeout first: a process that starts while another holds the file's lock (the
// last connection of one stopping folds the WAL in under an exclusive lock) waits for it
// rather than failing its very first statement.
const FILE_PRAGMAS = [
  'PRAGMA busy_timeout = 10000',
  'PRAGMA journal_mode = WAL',
  'PRAGMA synchronous = FULL',
  'PRAGMA foreign_keys = ON',
];

const MAX_PARAMS = 32_000;

export async function openDatabase(url: string, authToken?: string): Promise<NodeDatabase> {
  const isFile = url.startsWith('file:');
  const path = isFile ? filePath(url) : '';
  if (isFile) ensureParentDir(path);
  const client = createClient({
    url,
    ...(authToken ? { authToken } : {}),
    ...(isFile ? { concurrency: 1 } : {}),
  });
  const reapplyPragmas = async () => {
    if (!isFile) return;
    for (const pragma of FILE_PRAGMAS) await client.execute(pragma);
  };
  await reapplyPragmas();
  const db = drizzle(client, { schema });
  // An in-memory database exists only on the connection that opened it: no second one there.
  const store: CommitStore =
    isFile && path !== ':memory:' ? new NativeStore(path) : new DrizzleStore(db, MAX_PARAMS);
  return {
    db,
    client,
    maxParams: MAX_PARAMS,
    store,
    reapplyPragmas,
    close: () => {
      store.close();
      client.close();
    },
  };
}

/** Applies the committed migrations; idempotent, safe to run at every start. */
export async function migrateDatabase(database: Database): Promise<void> {
  await migrate(database.db, { migrationsFolder: MIGRATIONS_FOLDER });
}

function filePath(url: string): string {
  return url.slice('file:'.length).split('?')[0] ?? '';
}

function ensureParentDir(path: string): void {
  if (path === '' || path === ':memory:') return;
  mkdirSync(dirname(path), { recursive: true });
}
