/**
 * A database created with the schema before the hash chain (migrations up to 0005), with
 * history in it, migrated and chained once (server/services/ledger/chainHistory.ts) while
 * settlements keep committing: every entry ends up linked in id order, the audit is clean,
 * new entries extend the chains, and running the chaining again does nothing.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  migrateDatabase,
  MIGRATIONS_FOLDER,
  openDatabase,
  type NodeDatabase,
} from '../../db/client.ts';
import type { Actor } from '../../server/auth/keys.ts';
import { depsFor } from '../../server/bootstrap.ts';
import { systemClock } from '../../server/clock.ts';
import { readConfig } from '../../server/config.ts';
import type { ServiceContext } from '../../server/context.ts';
import { runAudit } from '../../server/services/admin/audit.ts';
import { settleCharge } from '../../server/services/charges/settle.ts';
import { chainHistory } from '../../server/services/ledger/chainHistory.ts';
import { chargeInput } from '../helpers/factories.ts';

const LAST_BEFORE_CHAIN = '0005_invoice_buyer';

const operator: Actor = {
  keyId: 'test',
  role: 'operator',
  accountId: null,
  accountRoles: {},
  label: 'test',
  userId: null,
};

/** The migrations folder as it was before the chain: the journal cut after 0005. */
function oldMigrations(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wallet-old-migrations-'));
  mkdirSync(join(dir, 'meta'));
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8'));
  const cut = journal.entries.findIndex((e: { tag: string }) => e.tag === LAST_BEFORE_CHAIN);
  journal.entries = journal.entries.slice(0, cut + 1);
  writeFileSync(join(dir, 'meta/_journal.json'), JSON.stringify(journal));
  for (const { tag } of journal.entries as { tag: string }[]) {
    copyFileSync(join(MIGRATIONS_FOLDER, `${tag}.sql`), join(dir, `${tag}.sql`));
  }
  return dir;
}

/**
 * History as the old code wrote it: `old` with a transfer in and a charge, `many` with more
 * entries than one chaining step links, `empty` with none.
 */
async function oldDatabase(path: string): Promise<void> {
  const client = createClient({ url: `file:${path}` });
  await migrate(drizzle(client), { migrationsFolder: oldMigrations() });
  const statements = [
    `INSERT INTO accounts (id, name, remittance_ref, cash_fen, invoiceable_fen, version,
       created_at_ms) VALUES ('old', 'Old', 'REF-OLD', 8500, 1500, 2, 1),
       ('many', 'Many', 'REF-MANY', 450, 0, 450, 1), ('empty', 'Empty', 'REF-EMPTY', 0, 0, 0, 1)`,
    `INSERT INTO workspaces (id, account_id, name, created_at_ms) VALUES
       ('ws-old', 'old', 'main', 1), ('ws-many', 'many', 'main', 1)`,
    `INSERT INTO ledger_entries (account_id, workspace_id, instrument, amount_fen,
       balance_fen_after, reason, ref_type, ref_id, created_at_ms) VALUES
       ('old', NULL, 'cash', 10000, 10000, 'bank_transfer', 'bank_transfer', 'bt-1', 10),
       ('old', 'ws-old', 'cash', -1500, 8500, 'charge', 'charge', 'chg-legacy', 20)`,
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 450)
     INSERT INTO ledger_entries (account_id, instrument, amount_fen, balance_fen_after, reason,
       ref_type, ref_id, created_at_ms)
     SELECT 'many', 'cash', 1, i, 'bank_transfer', 'bank_transfer', 'bt-' || i, i FROM n`,
  ];
  for (const statement of statements) await client.execute(statement);
  client.close();
}

let database: NodeDatabase;
let ctx: ServiceContext;

beforeAll(async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'wallet-chain-history-')), 'old.db');
  await oldDatabase(path);
  database = await openDatabase(`file:${path}`);
  await migrateDatabase(database);
  ctx = {
    ...depsFor(database, readConfig({ DATABASE_URL: 'file:unused' }), systemClock),
    actor: operator,
    clientAddress: 'test',
    origin: 'http://test',
  };
});
afterAll(() => database.close());

async function links(accountId: string) {
  const result = await database.client.execute({
    sql: 'SELECT seq, prev_hash, hash FROM ledger_entries WHERE account_id = ? ORDER BY id',
    args: [accountId],
  });
  return result.rows.map((row) => ({
    seq: row.seq === null ? null : Number(row.seq),
    prevHash: row.prev_hash,
    hash: row.hash,
  }));
}

async function heads() {
  const result = await database.client.execute(
    'SELECT id, ledger_seq, ledger_head_hash FROM accounts ORDER BY id',
  );
  return Object.fromEntries(
    result.rows.map((row) => [String(row.id), [Number(row.ledger_seq), row.ledger_head_hash]]),
  );
}

describe('chaining a ledger written before the chain', () => {
  it('marks the accounts with history unchained and starts the others empty', async () => {
    expect(await heads()).toEqual({ empty: [0, ''], many: [0, null], old: [0, null] });
    expect((await runAudit(ctx)).counts).toMatchObject({ unchainedAccounts: 2 });
  });

  it('chains history once, in id order, while settlements go on, and the audit is clean', async () => {
    // Before the chaining, a settlement on an unchained account adds an unlinked entry.
    await settleCharge(ctx, chargeInput('ws-old', '1.00'));
    expect((await links('old')).map((l) => l.seq)).toEqual([null, null, null]);

    // The chaining runs while settlements commit on the account with the longest history.
    const [report] = await Promise.all([
      chainHistory(ctx),
      ...['0.01', '0.02', '0.03'].map((amount) =>
        settleCharge(ctx, chargeInput('ws-many', amount)),
      ),
    ]);
    expect(report.accounts).toBe(2);

    for (const accountId of ['old', 'many']) {
      const chain = await links(accountId);
      expect(chain.map((l) => l.seq)).toEqual(chain.map((_l, i) => i + 1));
      chain.slice(1).forEach((link, i) => expect(link.prevHash).toBe(chain[i]?.hash));
      expect((await heads())[accountId]).toEqual([chain.length, chain.at(-1)?.hash]);
    }
    expect((await links('many')).length).toBe(453);
    const audit = await runAudit(ctx);
    expect(audit.violations).toEqual([]);
    expect(audit.counts).toMatchObject({ unchainedAccounts: 0, chainedAccounts: 3 });
  });

  it('extends the chains with new entries, and chaining again does nothing', async () => {
    await settleCharge(ctx, chargeInput('ws-old', '2.00'));
    const chain = await links('old');
    expect(chain.map((l) => l.seq)).toEqual([1, 2, 3, 4]);
    expect(await chainHistory(ctx)).toEqual({ accounts: 0, entries: 0 });
    expect((await runAudit(ctx)).violations).toEqual([]);
  });
});
