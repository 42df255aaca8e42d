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
 *               { id, op: 'commit', steps: [sql, rowsJson][], chain: { id, epoch } } → { id }
 * A commit runs each step's statement once per row of its JSON array of parameter lists.
 * Commits waiting in the queue together share one transaction and so one fsync — each in a
 * savepoint of its own, so that one failing rolls back only itself. A failed commit also fails
 * every later commit of the same chain and epoch untouched ('pipeline_stale'): the writer
 * planned those on what the failed one would have left (db/store.ts). Nothing is answered
 * before its transaction has committed.
 * Failures come back as { id, error: { message, code } }.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import Database from 'libsql';

const MAX_STATEMENTS = 512;
/** Most commits that share one transaction. */
const MAX_SHARED = 64;

/** @typedef {{ id: number, epoch: number }} Chain */
/** @typedef {{ id: number, op: string, steps: any[], chain?: Chain }} Message */
/** @typedef {{ message: string, code: string }} Failure */

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
const savepoint = connection.prepare('SAVEPOINT one_commit');
const release = connection.prepare('RELEASE one_commit');
const undo = connection.prepare('ROLLBACK TO one_commit');

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

/** @param {unknown} error @returns {Failure} */
function failure(error) {
  const { message, code } = /** @type {{ message?: unknown, code?: unknown }} */ (error);
  return { message: String(message ?? error), code: String(code ?? '') };
}

/** @param {Chain | undefined} chain */
function stale(chain) {
  return chain !== undefined && (failedEpochs.get(chain.id) ?? -1) >= chain.epoch;
}

/** @param {Chain | undefined} chain */
function poison(chain) {
  if (chain) failedEpochs.set(chain.id, Math.max(failedEpochs.get(chain.id) ?? -1, chain.epoch));
}

/** @param {[string, string][]} steps */
function runSteps(steps) {
  for (const [sql, rows] of steps) {
    const statement = prepared(sql);
    for (const params of JSON.parse(rows)) statement.run(params);
  }
}

/**
 * Commits in one transaction, each in its own savepoint; the outcome of each, in order.
 * @param {Message[]} commits
 * @returns {(Failure | null)[]}
 */
function commitTogether(commits) {
  try {
    begin.run();
  } catch (error) {
    for (const { chain } of commits) poison(chain);
    return commits.map(() => failure(error));
  }
  /** @type {(Failure | null)[]} */
  const outcomes = [];
  /** Set when an error ended the whole transaction, taking the commits before it along. */
  /** @type {Failure | null} */
  let lost = null;
  for (const { steps, chain } of commits) {
    if (lost || stale(chain)) {
      outcomes.push(lost ?? { message: 'pipeline_stale', code: 'PIPELINE_STALE' });
      continue;
    }
    savepoint.run();
    try {
      runSteps(steps);
      release.run();
      outcomes.push(null);
    } catch (error) {
      poison(chain);
      outcomes.push(failure(error));
      if (connection.inTransaction) {
        undo.run();
        release.run();
      } else lost = failure(error);
    }
  }
  try {
    if (lost) throw new Error(lost.message);
    commit.run();
    return outcomes;
  } catch (error) {
    if (connection.inTransaction) rollback.run();
    const reason = lost ?? failure(error);
    return commits.map(({ chain }, i) => {
      poison(chain);
      return outcomes[i] ?? reason;
    });
  }
}

/** @param {Message} message */
function answer(message) {
  const { id, op, steps } = message;
  try {
    if (op === 'read') {
      const rows = steps.map(([sql, params]) => prepared(sql).all(...params));
      parentPort?.postMessage({ id, rows });
    } else if (op === 'close') {
      connection.close();
      parentPort?.postMessage({ id });
    } else throw new Error(`unknown operation ${op}`);
  } catch (error) {
    parentPort?.postMessage({ id, error: failure(error) });
  }
}

/**
 * A commit, and the commits queued right behind it: they share one transaction. Anything
 * else in the queue waits until they are answered.
 * @param {Message} first
 */
function commitQueued(first) {
  const commits = [first];
  /** @type {Message | null} */
  let next = null;
  while (commits.length < MAX_SHARED && parentPort) {
    const received = receiveMessageOnPort(parentPort);
    if (!received) break;
    const message = /** @type {Message} */ (received.message);
    if (message.op !== 'commit') {
      next = message;
      break;
    }
    commits.push(message);
  }
  commitTogether(commits).forEach((error, i) => {
    const id = commits[i]?.id;
    parentPort?.postMessage(error ? { id, error } : { id });
  });
  if (next) handle(next);
}

/** @param {Message} message */
function handle(message) {
  if (message.op === 'commit') commitQueued(message);
  else answer(message);
}

parentPort?.on('message', handle);
