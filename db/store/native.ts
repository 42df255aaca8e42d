/**
 * The store on the embedded database file: the native `libsql` driver (the one @libsql/client
 * wraps for local files) on a thread of its own (sqliteThread.mjs), with every statement
 * prepared once and kept.
 *
 * Why: under settle load the server spent a quarter of its time re-preparing statements
 * (@libsql/client prepares every one anew) and a tenth building Drizzle queries; with those
 * gone, a group's statements and above all its fsync (`synchronous=FULL`), run on the event
 * loop, still stopped the server for most of a third of its time. On its own thread the
 * commit of one group overlaps with reading, planning and answering the next.
 *
 * How: a commit is a handful of fixed statements whatever the group's size, one per table
 * and set of columns, each with its rows as one JSON string — so the statement text never
 * changes with the group, and the message to the thread is a few strings that cost nothing to
 * pass. The thread parses the rows and runs the prepared statement once per row, all in one
 * `BEGIN IMMEDIATE … COMMIT`, in the order the steps were sent. (Unpacking the rows in SQL
 * with `json_each` instead was measured slower: SQLite parses an element again for every
 * column it takes from it.)
 */
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { Worker } from 'node:worker_threads';
import {
  INSTRUMENT_TABLE_NAMES,
  type Held,
  type InstrumentTable,
} from '../../common/wallet/instruments.ts';
import { accounts, operations, workspaces } from '../schema/index.ts';
import type {
  Chain,
  ChangeSet,
  CommitStore,
  LoadedRows,
  LoadRequest,
  RowUpdate,
} from '../store.ts';
import { INSTRUMENT_SCHEMA, type InstrumentSchema } from './instrumentTables.ts';
import { rowTarget } from './rowUpdates.ts';

/**
 * The same settings as every other connection to the file (db/client.ts), and a page cache
 * of 64 MiB instead of SQLite's 2: with a million charges in the books, the index pages the
 * writer inserts into for a few hundred accounts no longer fit in 2 MiB.
 */
const PRAGMAS = [
  'PRAGMA journal_mode = WAL',
  'PRAGMA synchronous = FULL',
  'PRAGMA foreign_keys = ON',
  'PRAGMA cache_size = -65536',
];
const BUSY_TIMEOUT_MS = 10_000;

/** A read: the statement and its parameters. */
type Read = readonly [sql: string, params: readonly unknown[]];
/** A write: the statement and, as a JSON array, the parameters of each run of it. */
type Write = readonly [sql: string, rows: string];

interface Pending {
  readonly resolve: (rows: unknown[][][]) => void;
  readonly reject: (error: Error) => void;
}

export class NativeStore implements CommitStore {
  private thread: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly path: string) {}

  async load(request: LoadRequest): Promise<LoadedRows> {
    const accountIds = JSON.stringify(request.accountIds);
    const steps: Read[] = [
      [READS.accounts.sql, [accountIds]],
      [READS.workspaces.sql, [JSON.stringify(request.workspaceIds)]],
      [READS.operations.sql, [JSON.stringify(request.operationKeys)]],
      ...INSTRUMENT_TABLE_NAMES.map((table): Read => [INSTRUMENT_READS[table].sql, [accountIds]]),
    ];
    const [accountRows, workspaceRows, operationRows, ...instrumentRows] = await this.send(
      'read',
      steps,
    );
    return {
      accounts: READS.accounts.rows(accountRows),
      instruments: INSTRUMENT_TABLE_NAMES.flatMap((table, i) =>
        INSTRUMENT_READS[table].rows(instrumentRows[i]).map((row) => ({ table, row }) as Held),
      ),
      workspaces: READS.workspaces.rows(workspaceRows),
      operations: READS.operations.rows(operationRows),
    };
  }

  async commit(changes: ChangeSet, chain: Chain): Promise<void> {
    await this.send('commit', commitSteps(changes), chain);
  }

  close(): void {
    const thread = this.thread;
    this.thread = null;
    if (thread) void thread.terminate();
    this.failAll(new Error('the database was closed'));
  }

  private send(
    op: 'read' | 'commit',
    steps: readonly (Read | Write)[],
    chain?: Chain,
  ): Promise<unknown[][][]> {
    const thread = this.started();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Only while it has work does the thread keep the process alive.
      if (this.pending.size === 1) thread.ref();
      thread.postMessage({ id, op, steps, chain });
    });
  }

  private started(): Worker {
    if (this.thread) return this.thread;
    const thread = new Worker(new URL('./sqliteThread.mjs', import.meta.url), {
      workerData: { path: this.path, pragmas: PRAGMAS, busyTimeoutMs: BUSY_TIMEOUT_MS },
    });
    thread.unref();
    thread.on('message', (message: Reply) => this.settle(message));
    thread.on('error', (error) => this.lost(thread, error));
    thread.on('exit', (code) => this.lost(thread, new Error(`database thread exited (${code})`)));
    this.thread = thread;
    return thread;
  }

  private settle(reply: Reply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.thread?.unref();
    if (reply.error) pending.reject(driverError(reply.error));
    else pending.resolve(reply.rows ?? []);
  }

  /** A thread that died takes its work with it; the next call starts a new one. */
  private lost(thread: Worker, error: Error): void {
    if (this.thread === thread) this.thread = null;
    this.failAll(error);
  }

  private failAll(error: Error): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const { reject } of pending) reject(error);
  }
}

interface Reply {
  readonly id: number;
  readonly rows?: unknown[][][];
  readonly error?: { message: string; code: string };
}

/** The driver's error as the writer reads it: its message and SQLite code. */
function driverError(failure: { message: string; code: string }): Error {
  return Object.assign(new Error(failure.message), { code: failure.code });
}

/**
 * The steps of one commit, in the order the contract asks: version compare-and-sets first,
 * then idempotency records (a lost race aborts before anything else is done), then the rest.
 */
function commitSteps(changes: ChangeSet): Write[] {
  const steps: Write[] = [];
  const add = (sql: string, rows: readonly (readonly unknown[])[]) => {
    if (rows.length > 0) steps.push([sql, JSON.stringify(rows)]);
  };
  add(
    UPDATES.accounts,
    changes.accounts.map((a) => [
      a.id,
      a.cashFen,
      a.overdueFen,
      a.overdueSinceMs,
      a.invoiceableFen,
      a.invoiceReservedFen,
      a.ledgerSeq,
      a.ledgerHeadHash,
      a.alertRules,
      a.alertState,
      a.version,
    ]),
  );
  const records = changes.inserts.get(operations);
  if (records) steps.push(...insertSteps(operations, records));
  for (const table of INSTRUMENT_TABLE_NAMES) {
    add(
      INSTRUMENT_UPDATES[table],
      changes.instruments
        .filter((i) => i.table === table)
        .map((i) => [i.id, i.balanceFen, i.status, i.forfeitedFen]),
    );
  }
  add(
    UPDATES.workspaces,
    changes.workspaces.map((w) => [
      w.id,
      w.settlementMethod,
      w.cloudProvider,
      w.cloudAccountId,
      w.methodChangedAtMs,
    ]),
  );
  for (const [table, rows] of changes.inserts) {
    if (table !== operations) steps.push(...insertSteps(table, rows));
  }
  // Last: a claimed code names the voucher inserted above.
  steps.push(...rowUpdateSteps(changes.updates));
  return steps;
}

/** One UPDATE per kind of row update, its rows in the order the commands made them. */
function rowUpdateSteps(updates: readonly RowUpdate[]): Write[] {
  const byKind = new Map<RowUpdate['kind'], { sql: string; rows: unknown[][] }>();
  for (const change of updates) {
    const target = rowTarget(change);
    const set = target.set(change as never);
    const columns = getTableColumns(target.table) as Record<string, SQLiteColumn>;
    let group = byKind.get(change.kind);
    if (!group) {
      const names = Object.keys(set).map((key) => columnOf(columns, key).name);
      const guard = target.onlyIf
        ? ` AND "${columnOf(columns, target.onlyIf.column).name}" = '${target.onlyIf.value}'`
        : '';
      group = { sql: updateById(getTableName(target.table), names) + guard, rows: [] };
      byKind.set(change.kind, group);
    }
    const values = Object.entries(set).map(([key, value]) =>
      value === null ? null : columnOf(columns, key).mapToDriverValue(value),
    );
    group.rows.push([change.id, ...values]);
  }
  return [...byKind.values()].map(({ sql, rows }) => [sql, JSON.stringify(rows)] as const);
}

function columnOf(columns: Record<string, SQLiteColumn>, key: string): SQLiteColumn {
  const column = columns[key];
  if (!column) throw new Error(`no column ${key}`);
  return column;
}

/** An UPDATE by id; a row is [id, ...the columns' new values]. */
function updateById(table: string, columns: readonly string[]): string {
  const set = columns.map((column, i) => `"${column}" = ?${i + 2}`).join(', ');
  return `UPDATE "${table}" SET ${set} WHERE id = ?1`;
}

const UPDATES = {
  accounts: updateById('accounts', [
    'cash_fen',
    'overdue_fen',
    'overdue_since_ms',
    'invoiceable_fen',
    'invoice_reserved_fen',
    'ledger_seq',
    'ledger_head_hash',
    'alert_rules',
    'alert_state',
    'version',
  ]),
  workspaces: updateById('workspaces', [
    'settlement_method',
    'cloud_provider',
    'cloud_account_id',
    'method_changed_at_ms',
  ]),
};

/**
 * An INSERT per set of columns the rows carry (a row leaves a column out to take its
 * default, as the autoincrement ledger id does), the rows in their order.
 */
function insertSteps(table: SQLiteTable, rows: readonly Record<string, unknown>[]): Write[] {
  const columns = Object.entries(getTableColumns(table)) as [string, SQLiteColumn][];
  const bySignature = new Map<string, { present: [string, SQLiteColumn][]; values: unknown[][] }>();
  for (const row of rows) {
    const present = columns.filter(([key]) => row[key] !== undefined);
    const signature = present.map(([key]) => key).join(',');
    let group = bySignature.get(signature);
    if (!group) {
      group = { present, values: [] };
      bySignature.set(signature, group);
    }
    group.values.push(present.map(([key, column]) => column.mapToDriverValue(row[key])));
  }
  return [...bySignature.values()].map(({ present, values }) => {
    const names = present.map(([, column]) => `"${column.name}"`).join(', ');
    const marks = present.map(() => '?').join(', ');
    const sql = `INSERT INTO "${getTableName(table)}" (${names}) VALUES (${marks})`;
    return [sql, JSON.stringify(values)] as const;
  });
}

/**
 * A SELECT of every column of `table` under `where`, and how to turn its raw rows into rows
 * keyed as Drizzle keys them (camelCase), so the writer sees the same rows from every store.
 */
function reader<T extends SQLiteTable>(table: T, where: string) {
  const columns = Object.entries(getTableColumns(table)) as [string, SQLiteColumn][];
  const list = columns.map(([, column]) => `"${column.name}"`).join(', ');
  return {
    sql: `SELECT ${list} FROM "${getTableName(table)}" WHERE ${where}`,
    rows: (raw: unknown[][] | undefined): T['$inferSelect'][] =>
      (raw ?? []).map((values) => {
        const row: Record<string, unknown> = {};
        columns.forEach(([key, column], i) => {
          const value = values[i];
          row[key] =
            value === null || value === undefined ? null : column.mapFromDriverValue(value);
        });
        return row as T['$inferSelect'];
      }),
  };
}

const IN_JSON = 'IN (SELECT value FROM json_each(?))';
const READS = {
  accounts: reader(accounts, `id ${IN_JSON}`),
  workspaces: reader(workspaces, `id ${IN_JSON}`),
  operations: reader(operations, `key ${IN_JSON}`),
};

/** Per instrument table: its active rows of some accounts, and the update of a changed one. */
const INSTRUMENT_READS = Object.fromEntries(
  INSTRUMENT_TABLE_NAMES.map((table) => [
    table,
    reader(INSTRUMENT_SCHEMA[table], `account_id ${IN_JSON} AND status = 'active'`),
  ]),
) as Record<InstrumentTable, ReturnType<typeof reader<InstrumentSchema>>>;
const INSTRUMENT_UPDATES = Object.fromEntries(
  INSTRUMENT_TABLE_NAMES.map((table) => [
    table,
    updateById(getTableName(INSTRUMENT_SCHEMA[table]), ['balance_fen', 'status', 'forfeited_fen']),
  ]),
) as Record<InstrumentTable, string>;
