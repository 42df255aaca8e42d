/** Dependencies for Node: the configured libSQL database (embedded file or server), migrated. */
import { migrateDatabase, openDatabase } from '../db/client.ts';
import { depsFor } from './bootstrap.ts';
import { systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { WalletDeps } from './context.ts';

export async function createNodeDeps(
  config: Config,
  clock: Clock = systemClock,
): Promise<WalletDeps> {
  const database = await openDatabase(config.databaseUrl, config.databaseAuthToken);
  await migrateDatabase(database);
  return depsFor(database, config, clock);
}
