/**
 * Migrates one template database before the run; every test server starts from a copy of
 * it (see test/helpers/server.ts), so no test pays for migrations or sees another's data.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { migrateDatabase, openDatabase } from '../../db/client.ts';

export const OUTPUT_DIR = join(process.cwd(), '.test-output');
export const TEMPLATE_DB = join(OUTPUT_DIR, 'template.db');

export default async function setup(): Promise<void> {
  rmSync(OUTPUT_DIR, { recursive: true, force: true });
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const database = await openDatabase(`file:${TEMPLATE_DB}`);
  await migrateDatabase(database);
  // Fold the WAL into the main file so a plain copy carries the whole schema.
  await database.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  database.close();
}
