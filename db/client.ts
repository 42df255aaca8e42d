/**
 * Opens the database for Node: an embedded libSQL file by default, or a remote libSQL server.
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

export type { Database, Db, Schema } from './database.ts';

/** A database opened on Node, with the libSQL client underneath for raw statements. */
export interface NodeDatabase extends Database {
  readonly client: Client;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

const FILE_PRAGMAS = [
  'PRAGMA journal_mode = WAL',
  'PRAGMA synchronous = FULL',
  'PRAGMA busy_timeout = 10000',
  'PRAGMA foreign_keys = ON',
];

export async function openDatabase(url: string, authToken?: string): Promise<NodeDatabase> {
  const isFile = url.startsWith('file:');
  if (isFile) ensureParentDir(url);
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
  return {
    db: drizzle(client, { schema }),
    client,
    maxParams: 32_000,
    reapplyPragmas,
    close: () => client.close(),
  };
}

/** Applies the committed migrations; idempotent, safe to run at every start. */
export async function migrateDatabase(database: Database): Promise<void> {
  await migrate(database.db, { migrationsFolder: MIGRATIONS_FOLDER });
}

function ensureParentDir(url: string): void {
  const path = url.slice('file:'.length).split('?')[0] ?? '';
  if (path === '' || path === ':memory:') return;
  mkdirSync(dirname(path), { recursive: true });
}
