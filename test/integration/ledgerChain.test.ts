/**
 * The ledger's hash chain on a real database file (docs/decisions/014-ledger-hash-chain.md):
 * the writer links every entry into its account's chain in the same commit, and the audit
 * names the first broken link when someone with the file — triggers dropped, as an attacker
 * with the file would — changes, deletes, moves or inserts an entry.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryHash } from '../../common/ledgerChain.ts';
import { openDatabase, type NodeDatabase } from '../../db/client.ts';
import type { Actor } from '../../server/auth/keys.ts';
import { depsFor } from '../../server/bootstrap.ts';
import { systemClock } from '../../server/clock.ts';
import { readConfig } from '../../server/config.ts';
import type { ServiceContext } from '../../server/context.ts';
import { createAccount } from '../../server/services/accounts/create.ts';
import { runAudit } from '../../server/services/admin/audit.ts';
import { recordBankTransfer } from '../../server/services/cash/recordBankTransfer.ts';
import { settleCharge } from '../../server/services/charges/settle.ts';
import { createWorkspace } from '../../server/services/workspaces/create.ts';
import { chargeInput, uid } from '../helpers/factories.ts';
import { freshDatabasePath } from '../helpers/server.ts';

const operator: Actor = {
  keyId: 'test',
  role: 'operator',
  accountId: null,
  accountRoles: {},
  label: 'test',
  userId: null,
};

let database: NodeDatabase;
let ctx: ServiceContext;
let dbPath: string;

/** The auditor's script (docs/OPERATIONS.md) needs the sqlite3 command-line shell. */
const hasSqlite3 = spawnSync('sqlite3', ['-version']).status === 0;

function auditorScript(accountId: string): { status: number | null; output: string } {
  const run = spawnSync('bash', ['scripts/verify-ledger-chain.sh', dbPath, accountId]);
  return { status: run.status, output: `${run.stdout}${run.stderr}`.trim() };
}

beforeAll(async () => {
  dbPath = freshDatabasePath();
  database = await openDatabase(`file:${dbPath}`);
  ctx = {
    ...depsFor(database, readConfig({ DATABASE_URL: 'file:unused' }), systemClock),
    actor: operator,
    clientAddress: 'test',
    origin: 'http://test',
  };
});
afterAll(() => database.close());

interface Entry {
  id: number;
  seq: number | null;
  prevHash: string | null;
  hash: string | null;
}

/** An account with cash and four entries: a transfer in, then three charges. */
async function accountWithHistory(): Promise<{ accountId: string; entries: Entry[] }> {
  const account = await createAccount(ctx, { name: uid('chain') });
  const workspace = await createWorkspace(ctx, {
    accountId: account.id,
    workspaceId: uid('ws'),
    name: 'main',
  });
  await recordBankTransfer(ctx, {
    reference: account.remittanceRef,
    bankSerial: uid('serial'),
    amount: '100.00',
  });
  // Concurrently, so that some land in one write group.
  await Promise.all(
    ['1.00', '2.00', '3.00'].map((amount) =>
      settleCharge(ctx, chargeInput(workspace.workspaceId, amount)),
    ),
  );
  return { accountId: account.id, entries: await entriesOf(account.id) };
}

async function entriesOf(accountId: string): Promise<Entry[]> {
  const result = await database.client.execute({
    sql: `SELECT id, seq, prev_hash, hash FROM ledger_entries WHERE account_id = ? ORDER BY id`,
    args: [accountId],
  });
  return result.rows.map((row) => ({
    id: Number(row.id),
    seq: row.seq === null ? null : Number(row.seq),
    prevHash: row.prev_hash as string | null,
    hash: row.hash as string | null,
  }));
}

/** What an attacker with the file does first. */
async function dropLedgerGuards(): Promise<void> {
  for (const statement of [
    'DROP TRIGGER IF EXISTS ledger_entries_no_update',
    'DROP TRIGGER IF EXISTS ledger_entries_no_delete',
    'DROP TRIGGER IF EXISTS ledger_entries_chained',
    'DROP INDEX IF EXISTS ledger_account_seq',
  ]) {
    await database.client.execute(statement);
  }
}

async function brokenLinksOf(accountId: string) {
  const report = await runAudit(ctx);
  return report.brokenLinks.filter((link) => link.accountId === accountId);
}

describe('the ledger hash chain', () => {
  it('links every entry of an account in order, the head on the account', async () => {
    const { accountId, entries } = await accountWithHistory();
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(entries[0]?.prevHash).toBe('');
    entries.slice(1).forEach((entry, i) => expect(entry.prevHash).toBe(entries[i]?.hash));
    for (const entry of entries) expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
    const head = await database.client.execute({
      sql: 'SELECT ledger_seq, ledger_head_hash FROM accounts WHERE id = ?',
      args: [accountId],
    });
    expect([Number(head.rows[0]?.ledger_seq), head.rows[0]?.ledger_head_hash]).toEqual([
      4,
      entries[3]?.hash,
    ]);
    const report = await runAudit(ctx);
    expect(report.violations).toEqual([]);
    expect(report.counts.chainedEntries).toBeGreaterThanOrEqual(4);
  });

  it.skipIf(!hasSqlite3)(
    'verifies with the auditor script, sqlite3 and sha256sum alone',
    async () => {
      const { accountId, entries } = await accountWithHistory();
      expect(auditorScript(accountId)).toEqual({
        status: 0,
        output: `checked 4 entries; last hash ${entries[3]?.hash}`,
      });
    },
  );

  it('refuses, while its guards stand, an entry without its link and a head moved alone', async () => {
    const { accountId, entries } = await accountWithHistory();
    await expect(
      database.client.execute({
        sql: `INSERT INTO ledger_entries (account_id, instrument, amount_fen, reason, ref_type,
              ref_id, created_at_ms) VALUES (?, 'cash', 1, 'x', 'x', 'x', 0)`,
        args: [accountId],
      }),
    ).rejects.toThrow(/ledger_entry_unchained/);
    await expect(
      database.client.execute({
        sql: `UPDATE accounts SET ledger_head_hash = 'forged' WHERE id = ?`,
        args: [accountId],
      }),
    ).rejects.toThrow(/stale_account_version/);
    await expect(
      database.client.execute({
        sql: `UPDATE ledger_entries SET hash = 'forged' WHERE id = ?`,
        args: [entries[1]?.id ?? 0],
      }),
    ).rejects.toThrow(/immutable/);
  });

  describe('with the guards dropped, as by someone with the file', () => {
    beforeAll(dropLedgerGuards);

    it('names the entry whose amount was edited', async () => {
      const { accountId, entries } = await accountWithHistory();
      const edited = entries[2];
      await database.client.execute({
        sql: 'UPDATE ledger_entries SET amount_fen = amount_fen - 100 WHERE id = ?',
        args: [edited?.id ?? 0],
      });
      const [link, ...more] = await brokenLinksOf(accountId);
      expect(more).toEqual([]);
      expect(link).toMatchObject({
        entryId: edited?.id,
        seq: 3,
        field: 'hash',
        stored: edited?.hash,
      });
      expect(link?.expected).toMatch(/^[0-9a-f]{64}$/);
      expect(link?.expected).not.toBe(edited?.hash);
      const report = await runAudit(ctx);
      expect(report.violations).toContainEqual({
        check: 'ledger_chain',
        subject: accountId,
        detail: expect.stringContaining(`entry ${edited?.id} (seq 3): hash expected`),
      });
      if (hasSqlite3) {
        expect(auditorScript(accountId)).toEqual({
          status: 1,
          output: `broken at entry ${edited?.id} (after 2 good entries)`,
        });
      }
    });

    it('names the entry after a deleted one', async () => {
      const { accountId, entries } = await accountWithHistory();
      await database.client.execute({
        sql: 'DELETE FROM ledger_entries WHERE id = ?',
        args: [entries[1]?.id ?? 0],
      });
      expect(await brokenLinksOf(accountId)).toEqual([
        { accountId, entryId: entries[2]?.id, seq: 3, field: 'seq', expected: '2', stored: '3' },
      ]);
    });

    it('names the head when the last entry is deleted', async () => {
      const { accountId, entries } = await accountWithHistory();
      await database.client.execute({
        sql: 'DELETE FROM ledger_entries WHERE id = ?',
        args: [entries[3]?.id ?? 0],
      });
      expect(await brokenLinksOf(accountId)).toEqual([
        {
          accountId,
          entryId: null,
          seq: 4,
          field: 'head',
          expected: 'an entry at seq 4 (the last is 3)',
          stored: entries[3]?.hash,
        },
      ]);
    });

    it('names the first of two entries moved past each other', async () => {
      const { accountId, entries } = await accountWithHistory();
      await database.client.execute({
        sql: `UPDATE ledger_entries SET seq = CASE seq WHEN 2 THEN 3 ELSE 2 END
              WHERE account_id = ? AND seq IN (2, 3)`,
        args: [accountId],
      });
      // In seq order the third entry now comes second, linked to the second.
      expect(await brokenLinksOf(accountId)).toEqual([
        {
          accountId,
          entryId: entries[2]?.id,
          seq: 2,
          field: 'prev_hash',
          expected: entries[0]?.hash,
          stored: entries[1]?.hash,
        },
      ]);
    });

    it('names an entry inserted with a forged, correctly computed link', async () => {
      const { accountId, entries } = await accountWithHistory();
      const forged = {
        accountId,
        workspaceId: null,
        instrument: 'cash',
        instrumentId: null,
        amountFen: 50_000,
        balanceFenAfter: null,
        reason: 'bank_transfer',
        refType: 'bank_transfer',
        refId: 'forged',
        createdAtMs: 1,
      };
      const prevHash = entries[0]?.hash ?? '';
      const result = await database.client.execute({
        sql: `INSERT INTO ledger_entries (account_id, instrument, amount_fen, reason, ref_type,
              ref_id, created_at_ms, seq, prev_hash, hash)
              VALUES (?, 'cash', 50000, 'bank_transfer', 'bank_transfer', 'forged', 1, 2, ?, ?)
              RETURNING id`,
        args: [accountId, prevHash, await entryHash(forged, 2, prevHash)],
      });
      const forgedId = Number(result.rows[0]?.id);
      expect(await brokenLinksOf(accountId)).toEqual([
        { accountId, entryId: forgedId, seq: 2, field: 'seq', expected: '3', stored: '2' },
      ]);
    });

    it('names an entry inserted without a link', async () => {
      const { accountId } = await accountWithHistory();
      const result = await database.client.execute({
        sql: `INSERT INTO ledger_entries (account_id, instrument, amount_fen, reason, ref_type,
              ref_id, created_at_ms) VALUES (?, 'cash', 1, 'bank_transfer', 'x', 'x', 0)
              RETURNING id`,
        args: [accountId],
      });
      expect(await brokenLinksOf(accountId)).toEqual([
        {
          accountId,
          entryId: Number(result.rows[0]?.id),
          seq: null,
          field: 'seq',
          expected: 'a link',
          stored: 'none',
        },
      ]);
    });
  });
});
