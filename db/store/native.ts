/**
 * The store on the embedded database file, through the native `libsql` driver that
 * @libsql/client wraps for local files — with its own connection and statements prepared
 * once. @libsql/client prepares every statement anew on every call, which was a quarter of
 * the server's time under settle load (docs/BENCHMARKS.md); Drizzle's query building another
 * tenth. Here every statement the engine runs is fixed text, prepared on first use and kept.
 *
 * A commit is one `BEGIN IMMEDIATE … COMMIT` run synchronously on this connection, so no
 * other statement of this process can slip in between; other processes wait on the write
 * lock (busy timeout) or lose the version compare-and-set. Rows are written one prepared
 * statement run at a time: with the statement already prepared a run costs microseconds, so
 * there is nothing left to gain from multi-row text whose shape changes with the group size.
 */
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import Database from 'libsql';
import { accounts, operations, prepaidCards, vouchers, workspaces } from '../schema/index.ts';
import type {
  AccountChange,
  ChangeSet,
  CommitStore,
  InstrumentChange,
  LoadedRows,
  LoadRequest,
  WorkspaceChange,
} from '../store.ts';

type Statement = Database.Statement;

/** The same settings as every other connection to the file (db/client.ts). */
const PRAGMAS = [
  'PRAGMA journal_mode = WAL',
  'PRAGMA synchronous = FULL',
  'PRAGMA foreign_keys = ON',
] as const;
const BUSY_TIMEOUT_MS = 10_000;
/** Statements added by hand (`Unit.also`) are cached by their text, up to this many. */
const MAX_CACHED_STATEMENTS = 256;

export class NativeStore implements CommitStore {
  private opened: { connection: Database.Database; fixed: ReturnType<typeof prepareFixed> } | null =
    null;
  private readonly inserts = new Map<string, Statement>();
  private readonly extras = new Map<string, Statement>();

  constructor(private readonly path: string) {}

  /**
   * Opened on first use: the file is opened before migrations create the tables, and a
   * process that never writes (a migration, the test setup) never needs a second connection.
   */
  private get connection(): Database.Database {
    return this.open().connection;
  }

  private get fixed(): ReturnType<typeof prepareFixed> {
    return this.open().fixed;
  }

  private open() {
    if (!this.opened) {
      const connection = new Database(this.path, { timeout: BUSY_TIMEOUT_MS });
      for (const pragma of PRAGMAS) connection.exec(pragma);
      this.opened = { connection, fixed: prepareFixed(connection) };
    }
    return this.opened;
  }

  async load(request: LoadRequest): Promise<LoadedRows> {
    const { select } = this.fixed;
    const accountIds = JSON.stringify(request.accountIds);
    return {
      accounts: select.accounts(accountIds),
      vouchers: select.vouchers(accountIds),
      cards: select.cards(accountIds),
      workspaces: select.workspaces(JSON.stringify(request.workspaceIds)),
      operations:
        request.operationKeys.length === 0
          ? []
          : select.operations(JSON.stringify(request.operationKeys)),
    };
  }

  async commit(changes: ChangeSet): Promise<void> {
    const { begin, commit, rollback } = this.fixed;
    begin.run();
    try {
      this.write(changes);
      commit.run();
    } catch (error) {
      if (this.connection.inTransaction) rollback.run();
      throw error;
    }
  }

  close(): void {
    if (this.opened?.connection.open) this.opened.connection.close();
    this.opened = null;
    this.inserts.clear();
    this.extras.clear();
  }

  /** Version compare-and-sets first, then idempotency records: a lost race aborts early. */
  private write(changes: ChangeSet): void {
    const { update } = this.fixed;
    for (const change of changes.accounts) update.account(change);
    const records = changes.inserts.get(operations);
    if (records) this.insertRows(operations, records);
    for (const change of changes.vouchers) update.voucher(change);
    for (const change of changes.cards) update.card(change);
    for (const change of changes.workspaces) update.workspace(change);
    for (const [table, rows] of changes.inserts) {
      if (table !== operations) this.insertRows(table, rows);
    }
    for (const item of changes.extras) {
      const query = (item as unknown as { toSQL(): { sql: string; params: unknown[] } }).toSQL();
      this.cached(this.extras, query.sql).run(...query.params);
    }
  }

  private insertRows(table: SQLiteTable, rows: readonly Record<string, unknown>[]): void {
    const columns = Object.entries(getTableColumns(table));
    for (const row of rows) {
      const present = columns.filter(([key]) => row[key] !== undefined);
      const names = present.map(([, column]) => `"${column.name}"`);
      const sql =
        `INSERT INTO "${getTableName(table)}" (${names.join(', ')}) ` +
        `VALUES (${names.map(() => '?').join(', ')})`;
      const values = present.map(([key, column]) => column.mapToDriverValue(row[key]));
      this.cached(this.inserts, sql).run(...values);
    }
  }

  private cached(cache: Map<string, Statement>, sql: string): Statement {
    let statement = cache.get(sql);
    if (!statement) {
      if (cache.size >= MAX_CACHED_STATEMENTS) cache.clear();
      statement = this.connection.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  }
}

/** The statements every group uses, prepared once per connection. */
function prepareFixed(connection: Database.Database) {
  const prepare = (sql: string) => connection.prepare(sql);
  const accountUpdate = prepare(
    `UPDATE accounts SET cash_fen = ?, overdue_fen = ?, overdue_since_ms = ?,
       invoiceable_fen = ?, invoice_reserved_fen = ?, version = ? WHERE id = ?`,
  );
  const instrumentUpdate = (table: string) =>
    prepare(`UPDATE ${table} SET balance_fen = ?, status = ?, forfeited_fen = ? WHERE id = ?`);
  const voucherUpdate = instrumentUpdate('vouchers');
  const cardUpdate = instrumentUpdate('prepaid_cards');
  const workspaceUpdate = prepare(
    `UPDATE workspaces SET settlement_method = ?, cloud_provider = ?, cloud_account_id = ?,
       method_changed_at_ms = ? WHERE id = ?`,
  );
  const updateInstrument = (statement: Statement) => (change: InstrumentChange) =>
    statement.run(change.balanceFen, change.status, change.forfeitedFen, change.id);
  return {
    begin: prepare('BEGIN IMMEDIATE'),
    commit: prepare('COMMIT'),
    rollback: prepare('ROLLBACK'),
    update: {
      account: (change: AccountChange) =>
        accountUpdate.run(
          change.cashFen,
          change.overdueFen,
          change.overdueSinceMs,
          change.invoiceableFen,
          change.invoiceReservedFen,
          change.version,
          change.id,
        ),
      voucher: updateInstrument(voucherUpdate),
      card: updateInstrument(cardUpdate),
      workspace: (change: WorkspaceChange) =>
        workspaceUpdate.run(
          change.settlementMethod,
          change.cloudProvider,
          change.cloudAccountId,
          change.methodChangedAtMs,
          change.id,
        ),
    },
    select: {
      accounts: reader(connection, accounts, 'id IN (SELECT value FROM json_each(?))'),
      vouchers: reader(
        connection,
        vouchers,
        "account_id IN (SELECT value FROM json_each(?)) AND status = 'active'",
      ),
      cards: reader(
        connection,
        prepaidCards,
        "account_id IN (SELECT value FROM json_each(?)) AND status = 'active'",
      ),
      workspaces: reader(connection, workspaces, 'id IN (SELECT value FROM json_each(?))'),
      operations: reader(connection, operations, 'key IN (SELECT value FROM json_each(?))'),
    },
  };
}

/**
 * A prepared SELECT of every column of `table` under `where`, returning rows keyed as Drizzle
 * keys them (camelCase), so the writer sees the same rows from every store.
 */
function reader<T extends SQLiteTable>(
  connection: Database.Database,
  table: T,
  where: string,
): (json: string) => T['$inferSelect'][] {
  const columns = Object.entries(getTableColumns(table)) as [string, SQLiteColumn][];
  const list = columns.map(([, column]) => `"${column.name}"`).join(', ');
  const statement = connection.prepare(
    `SELECT ${list} FROM "${getTableName(table)}" WHERE ${where}`,
  );
  statement.raw(true);
  return (json) =>
    (statement.all(json) as unknown[][]).map((values) => {
      const row: Record<string, unknown> = {};
      columns.forEach(([key, column], i) => {
        const value = values[i];
        row[key] = value === null ? null : column.mapFromDriverValue(value);
      });
      return row as T['$inferSelect'];
    });
}
