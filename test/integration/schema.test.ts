/**
 * The schema version on Node (docs/decisions/005-edge-operations.md): which migrations a
 * database has, as recorded by Drizzle's migrator or by wrangler; an embedded file migrated
 * at start; a database whose schema is behind refused with a clear message where the server
 * must not migrate it; `/readyz` on the real server; `npm run db:migrate`; the whole deploy
 * order on a libSQL server (refused, migrated, started).
 */
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase, type NodeDatabase } from '../../db/client.ts';
import {
  EXPECTED_MIGRATIONS,
  MigrationsPendingError,
  readSchemaStatus,
} from '../../db/schemaVersion.ts';
import { readConfig } from '../../server/config.ts';
import { createNodeDeps, migratesAtStart, prepareSchema } from '../../server/nodeDeps.ts';
import { startHranaServer } from '../helpers/hrana.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const TAGS = EXPECTED_MIGRATIONS.map((entry) => entry.tag);
const LAST = TAGS.at(-1);

function emptyDatabaseUrl(): string {
  return `file:${join(process.cwd(), '.test-output', `schema-${randomBytes(6).toString('hex')}.db`)}`;
}

async function withDatabase<T>(run: (database: NodeDatabase) => Promise<T>): Promise<T> {
  const database = await openDatabase(emptyDatabaseUrl());
  try {
    return await run(database);
  } finally {
    database.close();
  }
}

describe('readSchemaStatus', () => {
  it('finds nothing applied on an empty database', async () => {
    const status = await withDatabase((database) => readSchemaStatus(database.db));
    expect(status).toEqual({ current: false, expected: LAST, applied: null, pending: TAGS });
  });

  it("reads Drizzle's migrator: current once migrated, behind when its newest row is missing", async () => {
    await withDatabase(async (database) => {
      await migrateDatabase(database);
      expect(await readSchemaStatus(database.db)).toEqual({
        current: true,
        expected: LAST,
        applied: LAST,
        pending: [],
      });
      await database.client.execute(
        'DELETE FROM __drizzle_migrations WHERE created_at = (SELECT MAX(created_at) FROM __drizzle_migrations)',
      );
      expect(await readSchemaStatus(database.db)).toMatchObject({
        current: false,
        applied: TAGS.at(-2),
        pending: [LAST],
      });
    });
  });

  it("reads wrangler's d1_migrations: the files it recorded", async () => {
    await withDatabase(async (database) => {
      await database.client.execute(
        'CREATE TABLE d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE)',
      );
      for (const tag of TAGS.slice(0, -1)) {
        await database.client.execute({
          sql: 'INSERT INTO d1_migrations (name) VALUES (?)',
          args: [`${tag}.sql`],
        });
      }
      expect(await readSchemaStatus(database.db)).toMatchObject({
        current: false,
        pending: [LAST],
      });
      await database.client.execute({
        sql: 'INSERT INTO d1_migrations (name) VALUES (?)',
        args: [`${LAST}.sql`],
      });
      expect(await readSchemaStatus(database.db)).toMatchObject({ current: true, applied: LAST });
    });
  });
});

describe('starting on Node', () => {
  it.each([
    // DATABASE_URL                         migrated by the server at start?
    ['file:data/wallet.db', true],
    [':memory:', true],
    ['libsql://wallet-acme.turso.io', false],
    ['http://127.0.0.1:8080', false],
    ['https://db.example.com', false],
    ['wss://db.example.com', false],
  ])('%s → migrates at start: %s', (url, migrates) => {
    expect(migratesAtStart(url)).toBe(migrates);
  });

  it('migrates an empty embedded file at start', async () => {
    const deps = await createNodeDeps(
      readConfig({ DATABASE_URL: emptyDatabaseUrl(), WALLET_EXPIRY_INTERVAL_SECONDS: '0' }),
    );
    try {
      expect(await readSchemaStatus(deps.database.db)).toMatchObject({ current: true });
    } finally {
      deps.database.close();
    }
  });

  it('refuses a database it must not migrate while its schema is behind, saying what to run', async () => {
    await withDatabase(async (database) => {
      const refused = prepareSchema(database, false);
      await expect(refused).rejects.toBeInstanceOf(MigrationsPendingError);
      await expect(refused).rejects.toThrow(
        `migrations pending: ${TAGS.join(', ')}. The database is behind this code; apply them ` +
          'first with `npm run db:migrate`',
      );
      await migrateDatabase(database);
      await expect(prepareSchema(database, false)).resolves.toBeUndefined();
    });
  });
});

describe('the real server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('answers /healthz and /readyz', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { ok: true }]);
    const ready = await fetch(`${server.url}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready', schema: LAST }]);
  });
});

function migrate(databaseUrl: string): string {
  return execFileSync(process.execPath, ['--import', 'tsx', 'server/migrate.ts'], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });
}

/** `npm run db:migrate` without blocking this process (which may serve the database). */
function migrateAsync(databaseUrl: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'server/migrate.ts'],
      { env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: 'utf8' },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
  });
}

/** Starts `server/node.ts` and waits for it to exit on its own. */
function runServerUntilExit(databaseUrl: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'server/node.ts'],
      { env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0' }, encoding: 'utf8' },
      (error, _stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stderr }),
    );
  });
}

describe('npm run db:migrate', () => {
  it('applies what is pending, then nothing', () => {
    const databaseUrl = emptyDatabaseUrl();
    const run = () => migrate(databaseUrl);
    expect(run()).toContain(
      `${TAGS.length} migrations applied (${TAGS.join(', ')}); schema ${LAST}, current`,
    );
    expect(run()).toContain(`0 migrations applied; schema ${LAST}, current`);
  });
});

describe('a Node server on a libSQL server', () => {
  it('refuses to start while the schema is behind, starts once `npm run db:migrate` ran', async () => {
    const remote = await startHranaServer(emptyDatabaseUrl().slice('file:'.length));
    let server: TestServer | undefined;
    try {
      const refused = await runServerUntilExit(remote.url);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        `[wallet] not starting: migrations pending: ${TAGS.join(', ')}. The database is ` +
          'behind this code; apply them first with `npm run db:migrate`',
      );

      expect(await migrateAsync(remote.url)).toContain(`schema ${LAST}, current`);
      server = await startServer({ env: { DATABASE_URL: remote.url } });
      const ready = await fetch(`${server.url}/readyz`);
      expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready', schema: LAST }]);
      await expect(server.operator.accounts.list.query({})).resolves.toMatchObject({ items: [] });
    } finally {
      await server?.stop();
      await remote.close();
    }
  });
});
