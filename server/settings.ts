/**
 * Deployment-wide settings kept in the database, so every server instance agrees on them
 * without configuration: the first instance to need one creates it, the others read it.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { settings } from '../db/schema/index.ts';

export async function settingOrCreate(
  db: Db,
  key: string,
  make: () => Promise<string>,
): Promise<string> {
  const existing = await db.query.settings.findFirst({ where: eq(settings.key, key) });
  if (existing) return existing.value;
  await db
    .insert(settings)
    .values({ key, value: await make() })
    .onConflictDoNothing();
  const stored = await db.query.settings.findFirst({ where: eq(settings.key, key) });
  if (!stored) throw new Error(`setting ${key} could not be stored`);
  return stored.value;
}
