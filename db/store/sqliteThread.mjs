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
 * Commits waiting in the queue together share one transaction and so one fsync; one that fails
 * is rolled back alone (the others run again without it, see commitTogether). A failed commit also fails
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

/**
 * Whether the commit at `i` was planned behind a failed one: one that failed before this
 * batch, or one sent before it in this batch (not one sent after it, whose failure in an
 * earlier round does not touch the commits it was planned on).
 * @param {Message[]} commits @param {(Failure | null | undefined)[]} outcomes
 * @param {Map<number, number>} failedBefore @param {number} i
 */
function stale(commits, outcomes, failedBefore, i) {
  const chain = commits[i]?.chain;
  if (chain === undefined) return false;
  if ((failedBefore.get(chain.id) ?? -1) >= chain.epoch) return true;
  return commits.some(
    (other, j) =>
      j < i &&
      outcomes[j] &&
      other.chain?.id === chain.id &&
      other.chain.epoch >= chain.epoch,
  );
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
 * Commits in one transaction; the outcome of each, in order.
 *
 * No savepoint per commit: inside a savepoint SQLite journals the pages of every statement
 * that may abort (an INSERT into ledger_entries, whose guard trigger can RAISE), which made
 * the ledger's inserts cost two to eight times as much. Failures are rare (a lost race, a
 * replay, a bug), so the commits run together optimistically; when one fails, the whole
 * transaction is rolled back, the failing commit answered with its error, and the others run
 * again together without it — those of its chain and epoch sent after it now stale. Each
 * round drops at least one commit, so it ends; nothing is answered before it has committed.
 * @param {Message[]} commits
 * @returns {(Failure | null)[]}
 */
function commitTogether(commits) {
  /** @type {(Failure | null | undefined)[]} */
  const outcomes = commits.map(() => undefined);
  const failedBefore = new Map(failedEpochs);
  for (;;) {
    const round = runRound(commits, outcomes, failedBefore);
    if (round === 'done') return outcomes.map((outcome) => outcome ?? null);
  }
}

/**
 * One try at committing every commit not yet answered. Returns 'again' after rolling back
 * because one failed (now answered), 'done' once the rest committed or all are answered.
 * @param {Message[]} commits
 * @param {(Failure | null | undefined)[]} outcomes
 * @param {Map<number, number>} failedBefore
 * @returns {'again' | 'done'}
 */
function runRound(commits, outcomes, failedBefore) {
  try {
    begin.run();
  } catch (error) {
    commits.forEach(({ chain }, i) => {
      if (outcomes[i] !== undefined) return;
      poison(chain);
      outcomes[i] = failure(error);
    });
    return 'done';
  }
  /** @type {number[]} */
  const ran = [];
  for (const [i, { steps, chain }] of commits.entries()) {
    if (outcomes[i] !== undefined) continue;
    if (stale(commits, outcomes, failedBefore, i)) {
      outcomes[i] = { message: 'pipeline_stale', code: 'PIPELINE_STALE' };
      continue;
    }
    try {
      runSteps(steps);
      ran.push(i);
    } catch (error) {
      poison(chain);
      outcomes[i] = failure(error);
      if (connection.inTransaction) rollback.run();
      return 'again';
    }
  }
  try {
    commit.run();
    for (const i of ran) outcomes[i] = null;
  } catch (error) {
    if (connection.inTransaction) rollback.run();
    for (const i of ran) {
      poison(commits[i]?.chain);
      outcomes[i] = failure(error);
    }
  }
  return 'done';
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
