/**
 * Databases at the edge: a D1 binding, or a libSQL server (Turso or self-hosted) over HTTP.
 * Imports nothing Node-only, so the Worker bundle can include it.
 */
import { createClient } from '@libsql/client/web';
import { drizzle as drizzleD1, type AnyD1Database } from 'drizzle-orm/d1';
import { drizzle as drizzleLibsql } from 'drizzle-orm/libsql/web';
import type { Database, Db } from './database.ts';
import * as schema from './schema/index.ts';
import { DrizzleStore } from './store/drizzle.ts';

/** D1 binds at most 100 parameters per statement. */
export const D1_MAX_PARAMS = 100;

export function openD1Database(binding: AnyD1Database): Database {
  // Same query surface as the libSQL class; see the note on `Db`.
  const db = drizzleD1(binding, { schema }) as unknown as Db;
  return {
    db,
    maxParams: D1_MAX_PARAMS,
    store: new DrizzleStore(db, D1_MAX_PARAMS),
    reapplyPragmas: async () => {},
    close: () => {},
  };
}

export function openLibsqlHttpDatabase(url: string, authToken: string | undefined): Database {
  const client = createClient({ url, ...(authToken ? { authToken } : {}) });
  const db = drizzleLibsql(client, { schema });
  return {
    db,
    maxParams: 32_000,
    store: new DrizzleStore(db, 32_000),
    reapplyPragmas: async () => {},
    close: () => client.close(),
  };
}
