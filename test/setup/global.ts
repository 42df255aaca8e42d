/**
 * Builds the web client if needed, and migrates one template database before the run; every test server starts from a copy of
 * it (see test/helpers/server.ts), so no test pays for migrations or sees another's data.
 * The template is built aside and renamed into place, so runs side by side never see half
 * of one; database files of runs older than a day are swept.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { migrateDatabase, openDatabase } from '../../db/client.ts';

export const OUTPUT_DIR = join(process.cwd(), '.test-output');
export const TEMPLATE_DB = join(OUTPUT_DIR, 'template.db');
const DAY_MS = 86_400_000;

export default async function setup(): Promise<void> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  sweepOldFiles();
  const building = join(OUTPUT_DIR, `template-${process.pid}.db`);
  const database = await openDatabase(`file:${building}`);
  await migrateDatabase(database);
  // Fold the WAL into the main file so a plain copy carries the whole schema.
  await database.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  await database.client.execute('PRAGMA journal_mode = DELETE');
  database.close();
  renameSync(building, TEMPLATE_DB);
  // The built web client: served by the e2e servers, and the Worker bundle's static assets.
  execFileSync(process.execPath, ['scripts/ensure-client.mjs'], { stdio: 'inherit' });
}

function sweepOldFiles(): void {
  for (const name of readdirSync(OUTPUT_DIR)) {
    const path = join(OUTPUT_DIR, name);
    if (Date.now() - statSync(path).mtimeMs > DAY_MS)
      rmSync(path, { recursive: true, force: true });
  }
}
