/**
 * `npm run db:migrate`: applies the committed migrations to DATABASE_URL (an embedded file or
 * a libSQL server, with DATABASE_AUTH_TOKEN) and prints the schema it leaves. Idempotent. The
 * first step of a deploy whose database is shared (docs/OPERATIONS.md, "Deploy order").
 */
import { migrateDatabase, openDatabase } from '../db/client.ts';
import { readSchemaStatus } from '../db/schemaVersion.ts';
import { readConfig } from './config.ts';

const config = readConfig(process.env);
const database = await openDatabase(config.databaseUrl, config.databaseAuthToken);
const before = await readSchemaStatus(database.db);
await migrateDatabase(database);
const after = await readSchemaStatus(database.db);
console.log(
  `${config.databaseUrl}: ${before.pending.length} migrations applied` +
    (before.pending.length > 0 ? ` (${before.pending.join(', ')})` : '') +
    `; schema ${after.applied ?? 'empty'}, ${after.current ? 'current' : 'STILL BEHIND'}`,
);
database.close();
if (!after.current) process.exit(1);
