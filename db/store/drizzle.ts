/**
 * The store over any Drizzle database: a libSQL server over HTTP, Cloudflare D1, or the
 * embedded file where the native driver is not at hand. It needs nothing but an atomic
 * `batch`, because that is all D1 and HTTP offer: a group loads in one read batch and commits
 * in one write batch — each account's version compare-and-set first, so a stale group aborts
 * before any other work; then the idempotency records; then instrument and workspace updates,
 * one UPDATE per table for all their rows; then one multi-row INSERT per table; then the
 * commands' row updates (store/rowUpdates.ts).
 */
import { and, eq, getTableColumns, inArray } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../database.ts';
import { INSTRUMENT_TABLE_NAMES, type Held } from '../../common/wallet/instruments.ts';
import { accounts, operations, workspaces } from '../schema/index.ts';
import {
  PIPELINE_STALE,
  type Chain,
  type ChangeSet,
  type CommitStore,
  type LoadedRows,
  type LoadRequest,
  type RowUpdate,
} from '../store.ts';
import { INSTRUMENT_SCHEMA, type InstrumentSchema } from './instrumentTables.ts';
import { rowTarget } from './rowUpdates.ts';
import { bulkUpdates } from './bulk.ts';

export class DrizzleStore implements CommitStore {
  /** Per chain: the commit sent last, and the latest epoch in which one failed. */
  private readonly chains = new Map<number, { tail: Promise<unknown>; failedEpoch: number }>();

  constructor(
    private readonly db: Db,
    /** Most parameters one statement may bind (SQLite 32766 with a margin; D1 100). */
    private readonly maxParams: number,
  ) {}

  async load(request: LoadRequest): Promise<LoadedRows> {
    const db = this.db;
    const { accountIds, workspaceIds, operationKeys } = request;
    const instrumentReads = INSTRUMENT_TABLE_NAMES.map((table) => {
      const schema: InstrumentSchema = INSTRUMENT_SCHEMA[table];
      return db
        .select()
        .from(schema)
        .where(and(inArray(schema.accountId, [...accountIds]), eq(schema.status, 'active')));
    });
    const [accountRows, workspaceRows, operationRows, ...instrumentRows] = await db.batch([
      db
        .select()
        .from(accounts)
        .where(inArray(accounts.id, [...accountIds])),
      db
        .select()
        .from(workspaces)
        .where(inArray(workspaces.id, [...workspaceIds])),
      db
        .select()
        .from(operations)
        .where(inArray(operations.key, [...operationKeys])),
      ...instrumentReads,
    ]);
    return {
      accounts: accountRows,
      instruments: INSTRUMENT_TABLE_NAMES.flatMap((table, i) =>
        (instrumentRows[i] ?? []).map((row) => ({ table, row }) as Held),
      ),
      workspaces: workspaceRows,
      operations: operationRows,
    };
  }

  /** One batch at a time per chain, in order: over HTTP two batches could cross. */
  commit(changes: ChangeSet, chain: Chain): Promise<void> {
    const state = this.chains.get(chain.id) ?? { tail: Promise.resolve(), failedEpoch: -1 };
    this.chains.set(chain.id, state);
    const done = state.tail.then(async () => {
      if (state.failedEpoch >= chain.epoch) throw new Error(PIPELINE_STALE);
      const [first, ...rest] = this.statements(changes);
      try {
        if (first) await this.db.batch([first, ...rest]);
      } catch (error) {
        state.failedEpoch = Math.max(state.failedEpoch, chain.epoch);
        throw error;
      }
    });
    state.tail = done.catch(() => undefined);
    return done;
  }

  close(): void {}

  private statements(changes: ChangeSet): BatchItem<'sqlite'>[] {
    const { db, maxParams } = this;
    const versionUpdates = bulkUpdates(
      db,
      accounts,
      accounts.id,
      changes.accounts.map(({ id, ...set }) => ({ id, set })),
      maxParams,
    );
    const rowUpdates = [
      ...INSTRUMENT_TABLE_NAMES.flatMap((table) =>
        bulkUpdates(
          db,
          INSTRUMENT_SCHEMA[table],
          INSTRUMENT_SCHEMA[table].id,
          changes.instruments.filter((i) => i.table === table).map(instrumentSet),
          maxParams,
        ),
      ),
      ...changes.workspaces.map(({ id, ...set }) =>
        db.update(workspaces).set(set).where(eq(workspaces.id, id)),
      ),
    ];
    const insertsInto = (table: SQLiteTable, rows: readonly Record<string, unknown>[]) =>
      chunk(rows, maxParams, Object.keys(getTableColumns(table)).length).map((part) =>
        db.insert(table).values(part),
      );
    // Idempotency records right after the compare-and-sets: a replay this writer had not read
    // fails on the records' key, which the writer recognises, before any other row's key.
    const records = insertsInto(operations, changes.inserts.get(operations) ?? []);
    const inserts = [...changes.inserts]
      .filter(([table]) => table !== operations)
      .flatMap(([table, rows]) => insertsInto(table as SQLiteTable, rows));
    return [
      ...versionUpdates,
      ...records,
      ...rowUpdates,
      ...inserts,
      // Last: a claimed code names the voucher inserted above.
      ...changes.updates.map((change) => this.rowUpdate(change)),
    ] as BatchItem<'sqlite'>[];
  }

  private rowUpdate(change: RowUpdate): BatchItem<'sqlite'> {
    const target = rowTarget(change);
    const { table, onlyIf } = target;
    const byId = eq(table.id, change.id);
    const guard = onlyIf
      ? eq((table as unknown as Record<string, SQLiteColumn>)[onlyIf.column]!, onlyIf.value)
      : undefined;
    return this.db
      .update(table)
      .set(target.set(change as never))
      .where(guard ? and(byId, guard) : byId);
  }
}

function instrumentSet(change: ChangeSet['instruments'][number]) {
  const { id, balanceFen, status, forfeitedFen } = change;
  return { id, set: { balanceFen, status, forfeitedFen } };
}

/** Splits rows so that no statement binds more than `maxParams` parameters. */
function chunk<T>(rows: readonly T[], maxParams: number, columns: number): T[][] {
  const size = Math.max(1, Math.floor(maxParams / columns));
  const parts: T[][] = [];
  for (let i = 0; i < rows.length; i += size) parts.push(rows.slice(i, i + size));
  return parts;
}
