/**
 * Dependencies for Node: the configured libSQL database (embedded file or server), with its
 * schema checked at start.
 *
 * An embedded file belongs to this server, so it is migrated at every start (idempotent). A
 * libSQL server is shared — with other processes, with Workers — so a process never changes
 * its schema on its own: it refuses to start while migrations are pending and says to run
 * `npm run db:migrate` first (migrate, then deploy: docs/decisions/005-edge-operations.md).
 */
import { migrateDatabase, openDatabase } from '../db/client.ts';
import type { Database } from '../db/database.ts';
import { MigrationsPendingError, readSchemaStatus } from '../db/schemaVersion.ts';
import { depsFor } from './bootstrap.ts';
import { sha256HexSync } from './nodeSha256.ts';
import { systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { WalletDeps } from './context.ts';

export async function createNodeDeps(
  config: Config,
  clock: Clock = systemClock,
): Promise<WalletDeps> {
  const database = await openDatabase(config.databaseUrl, config.databaseAuthToken);
  try {
    await prepareSchema(database, migratesAtStart(config.databaseUrl));
  } catch (error) {
    database.close();
    throw error;
  }
  return depsFor(database, config, clock, { sha256: sha256HexSync });
}

/** Whether a server on this database applies the migrations itself: only an embedded file. */
export function migratesAtStart(databaseUrl: string): boolean {
  return databaseUrl.startsWith('file:') || databaseUrl === ':memory:';
}

/** Migrates when asked, then requires the schema this code was built with. */
export async function prepareSchema(database: Database, migrate: boolean): Promise<void> {
  if (migrate) await migrateDatabase(database);
  const status = await readSchemaStatus(database.db);
  if (!status.current) {
    throw new MigrationsPendingError(
      status,
      'The database is behind this code; apply them first with `npm run db:migrate` ' +
        '(same DATABASE_URL and DATABASE_AUTH_TOKEN), then start again.',
    );
  }
}

/** For the Node entries: a clear line and exit code 1 when the schema is behind. */
export function exitIfSchemaBehind(error: unknown): never {
  if (error instanceof MigrationsPendingError) {
    console.error(`[wallet] not starting: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
