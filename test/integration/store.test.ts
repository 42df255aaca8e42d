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
    alertRules: '[]',
    alertState: '{}',
    version,
  };
  return {
    accounts: [account],
    vouchers: [],
    cards: [],
    workspaces: [],
    inserts: new Map(),
    extras: [],
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
  });
});
