// @ts-check
/**
 * The database thread of the native store (native.ts): one libSQL connection to the
 * embedded file, run off the main thread so that executing a group's statements and waiting
 * for its fsync (`synchronous=FULL`) never stop the server from reading and answering
 * requests meanwhile.
 *
 * Plain JavaScript on purpose: a worker thread does not inherit the TypeScript loader that
 * runs the rest of the server (tsx, vitest), and this file needs none of it. It knows no
 * schema and no business: it prepares SQL text once, keeps the statement, and runs what the
 * main thread sends, in order.
 *
 * Messages in:  { id, op: 'read', steps: [sql, params][] }   → { id, rows: unknown[][][] }
 *               { id, op: 'commit', steps: [sql, params][], chain: { id, epoch } } → { id }
 *   A commit runs its steps in one `BEGIN IMMEDIATE … COMMIT`; any failure rolls it back,
 *   and fails every later commit of the same chain and epoch untouched ('pipeline_stale'):
 *   the writer planned those on what the failed one would have left (db/store.ts).
 * Failures come back as { id, error: { message, code } }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'libsql';

const MAX_STATEMENTS = 512;

/** @type {{ path: string, pragmas: string[], busyTimeoutMs: number }} */
const options = workerData;
const connection = new Database(options.path, { timeout: options.busyTimeoutMs });
for (const pragma of options.pragmas) connection.exec(pragma);

/** @type {Map<string, import('libsql').Statement>} */
const statements = new Map();
/** Per chain, the latest epoch in which a commit failed. @type {Map<number, number>} */
const failedEpochs = new Map();
const begin = connection.prepare('BEGIN IMMEDIATE');
const commit = connection.prepare('COMMIT');
const rollback = connection.prepare('ROLLBACK');

/** @param {string} sql */
function prepared(sql) {
  let statement = statements.get(sql);
  if (!statement) {
    if (statements.size >= MAX_STATEMENTS) statements.clear();
    statement = connection.prepare(sql);
    if (statement.reader) statement.raw(true);
    statements.set(sql, statement);
  }
  return statement;
}

/** @param {[string, unknown[]][]} steps */
function read(steps) {
  return steps.map(([sql, params]) => prepared(sql).all(...params));
}

/**
 * @param {[string, unknown[]][]} steps
 * @param {{ id: number, epoch: number } | undefined} chain
 */
function write(steps, chain) {
  if (chain && (failedEpochs.get(chain.id) ?? -1) >= chain.epoch) {
    throw Object.assign(new Error('pipeline_stale'), { code: 'PIPELINE_STALE' });
  }
  try {
    transact(steps);
  } catch (error) {
    if (chain) failedEpochs.set(chain.id, Math.max(failedEpochs.get(chain.id) ?? -1, chain.epoch));
    throw error;
  }
}

/** @param {[string, unknown[]][]} steps */
function transact(steps) {
  begin.run();
  try {
    for (const [sql, params] of steps) prepared(sql).run(...params);
    commit.run();
  } catch (error) {
    if (connection.inTransaction) rollback.run();
    throw error;
  }
}

parentPort?.on('message', (message) => {
  const { id, op, steps, chain } = message;
  try {
    if (op === 'read') parentPort?.postMessage({ id, rows: read(steps) });
    else if (op === 'commit') {
      write(steps, chain);
      parentPort?.postMessage({ id });
    } else if (op === 'close') {
      connection.close();
      parentPort?.postMessage({ id });
    } else throw new Error(`unknown operation ${op}`);
  } catch (error) {
    const failure = /** @type {{ message?: unknown, code?: unknown }} */ (error);
    parentPort?.postMessage({
      id,
      error: { message: String(failure.message ?? error), code: String(failure.code ?? '') },
    });
  }
});
