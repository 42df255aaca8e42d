/**
 * The commit store's contract (db/store.ts), on both stores and the same database file:
 * commits sent together are applied in order and each is all or nothing — one that loses its
 * compare-and-set changes nothing and takes down only the commits of its own chain sent after
 * it, never another chain's, even where the database thread runs them in one transaction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type NodeDatabase } from '../../db/client.ts';
import type { AccountChange, ChangeSet, CommitStore } from '../../db/store.ts';
import { DrizzleStore } from '../../db/store/drizzle.ts';
import { freshDatabasePath } from '../helpers/server.ts';

let database: NodeDatabase;

beforeAll(async () => {
  database = await openDatabase(`file:${freshDatabasePath()}`);
});
afterAll(() => database.close());

async function newAccount(id: string): Promise<void> {
  await database.client.execute({
    sql: `INSERT INTO accounts (id, name, remittance_ref, cash_fen, created_at_ms)
          VALUES (?, ?, ?, 1000, 0)`,
    args: [id, id, `REF-${id}`],
  });
}

/** Cash set to `cashFen`, committing `version` (the version read plus one). */
function cashChange(id: string, cashFen: number, version: number): ChangeSet {
  const account: AccountChange = {
    id,
    cashFen,
    overdueFen: 0,
    overdueSinceMs: null,
    invoiceableFen: 1000 - cashFen,
    invoiceReservedFen: 0,
    ledgerSeq: version,
    ledgerHeadHash: `head-${version}`,
    alertRules: '[]',
    alertState: '{}',
    version,
  };
  return {
    accounts: [account],
    instruments: [],
    workspaces: [],
    inserts: new Map(),
    updates: [],
  };
}

async function stateOf(id: string): Promise<[number, number]> {
  const result = await database.client.execute({
    sql: 'SELECT cash_fen, version FROM accounts WHERE id = ?',
    args: [id],
  });
  const row = result.rows[0];
  return [Number(row?.cash_fen), Number(row?.version)];
}

describe.each([
  ['native', () => database.store],
  ['drizzle', () => new DrizzleStore(database.db, database.maxParams)],
] as const)('the %s store', (name, storeOf) => {
  it('fails a stale commit alone, and the commits of its chain sent after it', async () => {
    const store: CommitStore = storeOf();
    const [v, x, y, z, w] = ['v', 'x', 'y', 'z', 'w'].map((letter) => `${name}-${letter}`) as [
      string,
      string,
      string,
      string,
      string,
    ];
    for (const id of [v, x, y, z, w]) await newAccount(id);
    // Two accounts in one commit: v would commit, y is stale; the commit is all or nothing.
    const staleOnY = cashChange(y, 700, 5);
    const partlyStale = {
      ...staleOnY,
      accounts: [...cashChange(v, 750, 1).accounts, ...staleOnY.accounts],
    };
    const first = { id: 1_000 + (name === 'native' ? 0 : 10), epoch: 0 };
    const second = { id: first.id + 1, epoch: 0 };

    // Sent together, without waiting: the thread may well run them in one transaction.
    const outcomes = await Promise.allSettled([
      store.commit(cashChange(x, 900, 1), first),
      store.commit(cashChange(w, 800, 1), second),
      store.commit(partlyStale, first), // stale: y is at version 0
      store.commit(cashChange(z, 600, 1), first), // planned behind the stale one
      store.commit(cashChange(w, 500, 2), second), // another chain goes on
    ]);

    expect(outcomes.map((o) => (o.status === 'fulfilled' ? 'ok' : String(o.reason)))).toEqual([
      'ok',
      'ok',
      expect.stringMatching(/stale_account_version/),
      expect.stringMatching(/pipeline_stale/),
      'ok',
    ]);
    expect(await stateOf(x)).toEqual([900, 1]);
    expect(await stateOf(v)).toEqual([1000, 0]);
    expect(await stateOf(y)).toEqual([1000, 0]);
    expect(await stateOf(z)).toEqual([1000, 0]);
    expect(await stateOf(w)).toEqual([500, 2]);

    // A new epoch of the failed chain commits again.
    await store.commit(cashChange(z, 600, 1), { ...first, epoch: 1 });
    expect(await stateOf(z)).toEqual([600, 1]);
    // The ledger chain's head is committed with the version (docs/decisions/014).
    const head = await database.client.execute({
      sql: 'SELECT ledger_seq, ledger_head_hash FROM accounts WHERE id = ?',
      args: [z],
    });
    expect(head.rows.map((r) => [Number(r.ledger_seq), r.ledger_head_hash])).toEqual([
      [1, 'head-1'],
    ]);
  });

  it('writes typed row updates, and only where their condition still holds', async () => {
    const store: CommitStore = storeOf();
    const account = `${name}-rows`;
    await newAccount(account);
    await database.client.batch([
      {
        sql: `INSERT INTO top_up_orders (id, account_id, amount_fen, status, channel, created_at_ms, expires_at_ms)
              VALUES (?, ?, 100, 'pending', 'alipay_sandbox', 0, 1)`,
        args: [`${name}-T1`, account],
      },
      {
        sql: `INSERT INTO activation_batches (id, request_id, denomination_fen, quantity, code_deadline_ms,
                validity_kind, validity_days, note, created_by, created_at_ms)
              VALUES (?, ?, 100, 2, 1, 'days', 30, '', 'test', 0)`,
        args: [`${name}-B`, `${name}-B`],
      },
      ...['unused', 'voided'].map((status) => ({
        sql: `INSERT INTO activation_codes (id, batch_id, code_hash, hint, status) VALUES (?, ?, ?, 'HINT', ?)`,
        args: [`${name}-${status}`, `${name}-B`, `${name}-hash-${status}`, status],
      })),
    ]);
    const claim = (codeId: string) =>
      ({
        kind: 'codeRedeemed',
        id: codeId,
        accountId: account,
        voucherId: 'V',
        redeemedAtMs: 7,
      }) as const;
    await store.commit(
      {
        ...cashChange(account, 1000, 1),
        updates: [
          { kind: 'topUpPaid', id: `${name}-T1`, paidAtMs: 5, tradeNo: 'TRADE' },
          claim(`${name}-unused`),
          claim(`${name}-voided`),
        ],
      },
      { id: 2_000 + (name === 'native' ? 0 : 10), epoch: 0 },
    );
    const rows = await database.client.execute({
      sql: `SELECT status, paid_at_ms, trade_no FROM top_up_orders WHERE id = ?
            UNION ALL SELECT status, redeemed_at_ms, voucher_id FROM activation_codes WHERE batch_id = ?
            ORDER BY 1`,
      args: [`${name}-T1`, `${name}-B`],
    });
    expect(rows.rows.map((row) => [row[0], row[1], row[2]])).toEqual([
      ['paid', 5, 'TRADE'],
      ['redeemed', 7, 'V'],
      // A voided code is not claimed: the update's condition (still unused) failed.
      ['voided', null, null],
    ]);
  });
});
