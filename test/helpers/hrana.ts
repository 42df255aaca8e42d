/**
 * A stand-in libSQL server for tests: Hrana 2 over HTTP — the JSON pipeline @libsql/client
 * speaks to sqld or Turso at an `http://` URL — executing every statement on one connection
 * to a real libSQL database file (the `libsql` engine @libsql/client itself runs on). It
 * implements what the client sends for plain statements and batches (execute, batch with
 * conditions, sequence, get_autocommit, close), so a Node server can run against "a remote
 * database" here without sqld.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'libsql';

type Connection = InstanceType<typeof Database>;
type SqlValue = null | bigint | number | string | Buffer;

interface StmtResult {
  readonly columns: { name: string; type: string | null }[];
  readonly rows: unknown[][];
  readonly changes: number;
  readonly lastInsertRowid: bigint | number | null;
}

type HranaValue =
  | { type: 'null' }
  | { type: 'integer'; value: string }
  | { type: 'float'; value: number }
  | { type: 'text'; value: string }
  | { type: 'blob'; base64: string };

interface HranaStmt {
  readonly sql: string;
  readonly args?: HranaValue[];
  readonly named_args?: { name: string; value: HranaValue }[];
}

type HranaCond =
  | { type: 'ok' | 'error'; step: number }
  | { type: 'not'; cond: HranaCond }
  | { type: 'and' | 'or'; conds: HranaCond[] }
  | { type: 'is_autocommit' };

interface HranaRequest {
  readonly type: string;
  readonly stmt?: HranaStmt;
  readonly batch?: { steps: { condition?: HranaCond; stmt: HranaStmt }[] };
  readonly sql?: string;
}

export interface HranaServer {
  /** `http://127.0.0.1:<port>`: a DATABASE_URL for the Node server. */
  readonly url: string;
  close(): Promise<void>;
}

export async function startHranaServer(filePath: string): Promise<HranaServer> {
  const database: Connection = new Database(filePath);
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      // Only the v2 pipeline: the client falls back to it when v3 is not offered.
      if (request.method !== 'POST' || request.url !== '/v2/pipeline') {
        response.writeHead(404).end();
        return;
      }
      const { requests } = JSON.parse(body) as { requests: HranaRequest[] };
      const results = runPipeline(database, requests);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ baton: null, base_url: null, results }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      database.close();
    },
  };
}

function runPipeline(database: Connection, requests: HranaRequest[]): unknown[] {
  const results: unknown[] = [];
  for (const request of requests) {
    try {
      results.push({ type: 'ok', response: runRequest(database, request) });
    } catch (error) {
      results.push({ type: 'error', error: { message: String(error) } });
    }
  }
  return results;
}

function runRequest(database: Connection, request: HranaRequest): unknown {
  switch (request.type) {
    case 'execute':
      return { type: 'execute', result: encodeResult(execute(database, request.stmt)) };
    case 'batch':
      return { type: 'batch', result: runBatch(database, request.batch?.steps ?? []) };
    case 'sequence':
      database.exec(request.sql ?? '');
      return { type: 'sequence' };
    case 'get_autocommit':
      return { type: 'get_autocommit', is_autocommit: !database.inTransaction };
    case 'close':
      return { type: 'close' };
    default:
      throw new Error(`the stand-in does not implement ${request.type}`);
  }
}

function runBatch(
  database: Connection,
  steps: { condition?: HranaCond; stmt: HranaStmt }[],
): unknown {
  const stepResults: unknown[] = [];
  const stepErrors: unknown[] = [];
  const holds = (cond: HranaCond): boolean => {
    switch (cond.type) {
      case 'ok':
        return stepResults[cond.step] != null;
      case 'error':
        return stepErrors[cond.step] != null;
      case 'not':
        return !holds(cond.cond);
      case 'and':
        return cond.conds.every(holds);
      case 'or':
        return cond.conds.some(holds);
      case 'is_autocommit':
        return !database.inTransaction;
    }
  };
  for (const step of steps) {
    if (step.condition && !holds(step.condition)) {
      stepResults.push(null);
      stepErrors.push(null);
      continue;
    }
    try {
      stepResults.push(encodeResult(execute(database, step.stmt)));
      stepErrors.push(null);
    } catch (error) {
      stepResults.push(null);
      stepErrors.push({ message: String(error) });
    }
  }
  return { step_results: stepResults, step_errors: stepErrors };
}

function execute(database: Connection, stmt: HranaStmt | undefined): StmtResult {
  if (!stmt) throw new Error('execute without a statement');
  const named = stmt.named_args ?? [];
  const args =
    named.length > 0
      ? [
          Object.fromEntries(
            named.map((arg) => [arg.name.replace(/^[:@$]/, ''), decode(arg.value)]),
          ),
        ]
      : (stmt.args ?? []).map(decode);
  const prepared = database.prepare(stmt.sql).safeIntegers(true);
  if (!prepared.reader) {
    const run = prepared.run(...args);
    return { columns: [], rows: [], changes: run.changes, lastInsertRowid: run.lastInsertRowid };
  }
  const columns = prepared.columns().map((column) => ({ name: column.name, type: column.type }));
  const rows = prepared.raw(true).all(...args) as unknown[][];
  return { columns, rows, changes: 0, lastInsertRowid: null };
}

function decode(value: HranaValue): SqlValue {
  switch (value.type) {
    case 'null':
      return null;
    case 'integer':
      return BigInt(value.value);
    case 'float':
      return value.value;
    case 'text':
      return value.value;
    case 'blob':
      return Buffer.from(value.base64, 'base64');
  }
}

function encodeResult(result: StmtResult): unknown {
  return {
    cols: result.columns.map((column) => ({ name: column.name, decltype: column.type })),
    rows: result.rows.map((row) => row.map(encode)),
    affected_row_count: result.changes,
    last_insert_rowid: result.lastInsertRowid?.toString() ?? null,
  };
}

function encode(value: unknown): HranaValue {
  if (value === null || value === undefined) return { type: 'null' };
  if (typeof value === 'bigint') return { type: 'integer', value: value.toString() };
  if (typeof value === 'number') return { type: 'float', value };
  if (typeof value === 'string') return { type: 'text', value };
  if (value instanceof Uint8Array)
    return { type: 'blob', base64: Buffer.from(value).toString('base64') };
  throw new Error(`cannot encode ${typeof value}`);
}
