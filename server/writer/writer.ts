/**
 * The single writer of a process: every write that changes a balance goes through here.
 *
 * Group commit: commands that arrive together are taken as one group, applied one after
 * another to the in-memory state of the accounts they touch, and committed in one atomic
 * unit (one fsync for the whole group). Within the process commands never conflict (there is
 * one writer). The state of accounts it has seen stays in memory between groups (cache.ts),
 * so a group on known accounts reads nothing before it commits.
 *
 * Across processes the commit opens with a compare-and-set of each touched account's version,
 * so a group planned on state another process has since changed aborts whole; the writer then
 * forgets those accounts and plans the group again on rows read afresh. Idempotency keys are
 * not read first either: a key already taken makes the commit fail on the primary key, and
 * the group is planned again with its keys read, so the replay answers with the stored result.
 *
 * A command that fails its own rules (a DomainError) fails alone; the rest of the group
 * commits. A batch that fails for any reason other than a lost race is retried command by
 * command, so one bad command cannot take its neighbours down with it.
 */
import type { Database } from '../../db/database.ts';
import { isEmpty, PIPELINE_STALE, type CommitStore } from '../../db/store.ts';
import { DomainError, isDomainError } from '../../common/errors.ts';
import type { Sha256Hex } from '../../common/ledgerChain.ts';
import type { Clock } from '../clock.ts';
import { StateCache } from './cache.ts';
import { chainLedger } from './chain.ts';
import { AccountState, Unit, type Snapshot, type WorkspaceRow } from './unit.ts';

export interface Idempotency {
  /** Namespaced key, e.g. `charge:<id>`; unique across the database. */
  readonly key: string;
  /** The request in canonical form; a replay must match it exactly. */
  readonly request: string;
}

export interface Command<R> {
  readonly accountId: string;
  /** Workspaces the command reads or changes; loaded with the group. */
  readonly workspaceIds?: readonly string[];
  /** Present on every write that moves money. */
  readonly idempotency?: Idempotency;
  /**
   * Keys the command takes for good (an invoice number, say): if one is taken already the
   * command fails with its error; if two commands race for it, one wins, in one process or
   * across processes.
   */
  readonly claims?: readonly Claim[];
  /** Validates, then changes `account` through `unit`. Throws DomainError before changing. */
  apply(unit: Unit, account: AccountState): R;
}

export interface Claim {
  readonly key: string;
  readonly taken: () => DomainError;
}

export interface Outcome<R> {
  readonly result: R;
  /** True when the idempotency key had been used and the first result is returned. */
  readonly replayed: boolean;
}

export interface WriterOptions {
  /** Most commands committed in one batch. */
  readonly maxGroup?: number;
  /** Attempts per group when other processes keep winning the race. */
  readonly maxAttempts?: number;
  /** Most parameters one statement may bind (SQLite: 32766; D1: 100). */
  readonly maxParams?: number;
  /**
   * Most groups in flight at once: the next groups are planned (on the state the ones before
   * leave) while those commit; the database thread commits the groups waiting for it together.
   */
  readonly maxInFlight?: number;
  /**
   * How the ledger's hash chain hashes (common/ledgerChain.ts); Web Crypto unless given. The
   * Node server passes a synchronous one: a batch of a thousand charges otherwise waits on
   * a thousand thread-pool round trips.
   */
  readonly sha256?: Sha256Hex;
}

interface Pending {
  readonly command: Command<unknown>;
  readonly resolve: (outcome: Outcome<unknown>) => void;
  readonly reject: (error: unknown) => void;
}

type Result = { ok: true; outcome: Outcome<unknown> } | { ok: false; error: unknown };

export interface WriterStats {
  groups: number;
  commands: number;
  /** Groups another writer beat to an account (stale version) or to a key, or a busy lock. */
  conflicts: number;
  isolations: number;
  /** Groups planned on remembered state without reading anything first. */
  unread: number;
}

/**
 * How a group is planned: on remembered state reading nothing it knows; the same with its
 * idempotency keys read (after one turned out taken); or on everything read afresh (after
 * another writer changed one of its accounts).
 */
type Trust = 'remembered' | 'keys' | 'fresh';

export class Writer {
  readonly stats: WriterStats = { groups: 0, commands: 0, conflicts: 0, isolations: 0, unread: 0 };
  private readonly database: Database;
  private readonly store: CommitStore;
  private readonly cache = new StateCache();
  private readonly clock: Clock;
  private readonly maxGroup: number;
  private readonly maxAttempts: number;
  private readonly maxParams: number;
  private readonly maxInFlight: number;
  private readonly sha256: Sha256Hex | undefined;
  private queue: Pending[] = [];
  private draining: Promise<void> | null = null;
  /** This writer's commits in the store, and the epoch after the last failure it heard of. */
  private readonly chain = { id: nextChainId++, epoch: 0 };

  constructor(database: Database, clock: Clock, options: WriterOptions = {}) {
    this.database = database;
    this.store = database.store;
    this.clock = clock;
    this.maxGroup = options.maxGroup ?? 1024;
    this.maxAttempts = options.maxAttempts ?? 40;
    this.maxParams = options.maxParams ?? 32_000;
    this.maxInFlight = options.maxInFlight ?? 4;
    this.sha256 = options.sha256;
  }

  submit<R>(command: Command<R>): Promise<Outcome<R>> {
    return new Promise<Outcome<R>>((resolve, reject) => {
      this.queue.push({
        command,
        resolve: resolve as (outcome: Outcome<unknown>) => void,
        reject,
      });
      this.draining ??= this.drain();
    });
  }

  /**
   * Resolves when the queue is empty. At the edge a request hands this to `waitUntil`, so a
   * group it started keeps running for the requests that joined it after it answered.
   */
  idle(): Promise<void> {
    return this.draining ?? Promise.resolve();
  }

  /**
   * Forms groups from what has arrived and sends them, up to `maxInFlight` at a time. A group
   * is formed only once the one before has been planned and sent, so it plans on the state
   * that one leaves.
   */
  private async drain(): Promise<void> {
    const flying = new Set<Promise<void>>();
    try {
      for (;;) {
        // Let every request already received enqueue first: that is the group.
        await nextTurn();
        if (this.queue.length === 0 || flying.size >= this.maxInFlight) {
          if (flying.size === 0) break;
          await Promise.race(flying);
          continue;
        }
        const group = this.queue.splice(0, this.maxGroup);
        let sent = () => {};
        const planned = new Promise<void>((resolve) => (sent = resolve));
        const flight: Promise<void> = this.commitGroup(group, sent).finally(() => {
          flying.delete(flight);
          sent();
        });
        flying.add(flight);
        await planned;
      }
    } finally {
      this.draining = null;
    }
  }

  private async commitGroup(group: Pending[], sent: () => void = () => {}): Promise<void> {
    let trust = 'remembered' as Trust;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      let results: Result[];
      try {
        results = await this.attempt(group, trust, sent);
      } catch (error) {
        if (error instanceof KeysUnread) {
          trust = 'keys';
          continue;
        }
        this.failed();
        await this.database.reapplyPragmas().catch(() => undefined);
        const race = lostRace(error);
        if (race) {
          if (race !== 'pipeline') this.stats.conflicts++;
          // A key this process had not read is usually a replay, and a group sent behind a
          // failed one lost to this writer itself: plan again at once. Others wait a little.
          const atOnce = race === 'pipeline' || (race === 'key' && trust === 'remembered');
          if (!atOnce) await backoff(attempt);
          trust = race === 'key' && trust !== 'fresh' ? 'keys' : 'fresh';
          continue;
        }
        if (group.length > 1) return this.isolate(group);
        return this.settle(group, [{ ok: false, error }]);
      }
      return this.settle(group, results);
    }
    const busy = new DomainError('BUSY', 'the account is busy; try again');
    return this.settle(
      group,
      group.map(() => ({ ok: false, error: busy })),
    );
  }

  /**
   * A commit failed: the groups sent after it were planned on what it would have left, so
   * they fail in the store too, and everything remembered may be ahead of the database.
   * Start a new epoch and read afresh.
   */
  private failed(): void {
    this.chain.epoch++;
    this.cache.clear();
  }

  /**
   * Plans every command against the group's state, sends the group's commit and, before
   * waiting for it, leaves the state it commits for the next group to plan on.
   */
  private async attempt(group: Pending[], trust: Trust, sent: () => void): Promise<Result[]> {
    const snapshot = await this.snapshot(group, trust);
    const unit = new Unit(this.clock.nowMs(), snapshot);
    const results = group.map((pending) => this.run(unit, pending.command));
    // A refusal may be the replay of a request already answered (an order paid, an invoice
    // decided): only the stored record can tell, so the keys are read before anyone is told.
    if (
      trust === 'remembered' &&
      results.some((r, i) => !r.ok && keysOf(commandAt(group, i)).length > 0)
    ) {
      throw new KeysUnread();
    }
    await chainLedger(unit, snapshot.accounts, this.sha256);
    const changes = unit.changes();
    const committed = isEmpty(changes)
      ? Promise.resolve()
      : this.store.commit(changes, { ...this.chain });
    this.cache.planned(snapshot.accounts.values(), snapshot.workspaces);
    sent();
    await committed;
    this.stats.groups++;
    this.stats.commands += group.length;
    return results;
  }

  private run(unit: Unit, command: Command<unknown>): Result {
    try {
      const { idempotency } = command;
      const previous = idempotency ? unit.operation(idempotency.key) : undefined;
      if (idempotency && previous) {
        if (previous.request !== idempotency.request) {
          throw new DomainError(
            'IDEMPOTENCY_CONFLICT',
            `${idempotency.key} was already used for a different request`,
          );
        }
        return { ok: true, outcome: { result: JSON.parse(previous.result), replayed: true } };
      }
      for (const claim of command.claims ?? []) {
        if (unit.operation(claim.key)) throw claim.taken();
      }
      const account = unit.account(command.accountId);
      if (!account) {
        throw new DomainError('ACCOUNT_NOT_FOUND', 'no such account', [], {
          accountId: command.accountId,
        });
      }
      const result = command.apply(unit, account);
      // The command decided on this account's state (a workspace's method, say, even when no
      // balance moved): commit only if that state is still current.
      account.touched = true;
      for (const claim of command.claims ?? []) {
        unit.recordOperation({
          key: claim.key,
          accountId: account.id,
          request: idempotency?.request ?? '',
          result: '{}',
          createdAtMs: unit.nowMs,
        });
      }
      if (idempotency) {
        unit.recordOperation({
          key: idempotency.key,
          accountId: account.id,
          request: idempotency.request,
          result: JSON.stringify(result),
          createdAtMs: unit.nowMs,
        });
      }
      return { ok: true, outcome: { result, replayed: false } };
    } catch (error) {
      // A broken rule fails this command alone; anything else is a bug that fails the group.
      if (isDomainError(error)) return { ok: false, error };
      throw error;
    }
  }

  private async isolate(group: Pending[]): Promise<void> {
    this.stats.isolations++;
    for (const pending of group) await this.commitGroup([pending]);
  }

  private settle(group: Pending[], results: Result[]): void {
    group.forEach((pending, i) => {
      const result = results[i];
      if (result?.ok) pending.resolve(result.outcome);
      else pending.reject(result?.error);
    });
  }

  /**
   * The state the group plans on. Remembered accounts and workspaces are used as they are;
   * the rest is read in one go. After a lost race everything is read afresh, keys included.
   */
  private async snapshot(group: Pending[], trust: Trust): Promise<Snapshot> {
    const commands = group.map((pending) => pending.command);
    if (trust === 'fresh') this.cache.forget(commands.map((command) => command.accountId));
    const accountIds = unique(commands.map((c) => c.accountId)).filter((id) => !this.cache.has(id));
    const workspaceIds = unique(
      commands.flatMap((c) =>
        (c.workspaceIds ?? []).filter((id) => !this.cache.hasWorkspace(c.accountId, id)),
      ),
    );
    const operationKeys = trust === 'remembered' ? [] : unique(commands.flatMap(keysOf));
    const read =
      accountIds.length + workspaceIds.length + operationKeys.length > 0
        ? await this.store.load({ accountIds, workspaceIds, operationKeys })
        : null;
    if (read) this.cache.absorb(read);
    else this.stats.unread++;
    const accounts = new Map<string, AccountState>();
    const workspaces = new Map<string, WorkspaceRow>();
    for (const command of commands) {
      const state = accounts.get(command.accountId) ?? this.cache.state(command.accountId);
      if (state) accounts.set(command.accountId, state);
      for (const id of command.workspaceIds ?? []) {
        const row = workspaces.get(id) ?? this.cache.workspace(command.accountId, id);
        if (row) workspaces.set(id, row);
      }
    }
    // A workspace of another account than its command's is not remembered; the command
    // itself refuses it, as it refuses one that does not exist.
    for (const row of read?.workspaces ?? [])
      if (!workspaces.has(row.id)) workspaces.set(row.id, row);
    return {
      accounts,
      workspaces,
      operations: new Map((read?.operations ?? []).map((row) => [row.key, row])),
    };
  }
}

let nextChainId = 1;

/** A group planned without its keys, one of whose keyed commands was refused. */
class KeysUnread extends Error {}

function commandAt(group: readonly Pending[], i: number): Command<unknown> {
  const pending = group[i];
  if (!pending) throw new Error(`no command at ${i}`);
  return pending.command;
}

function keysOf(command: Command<unknown>): string[] {
  return [
    ...(command.idempotency ? [command.idempotency.key] : []),
    ...(command.claims ?? []).map((claim) => claim.key),
  ];
}

/**
 * Errors that mean another process committed first: the version compare-and-set failed,
 * the database was locked past the busy timeout, or an idempotency key was taken meanwhile.
 * Planning again on fresh state resolves each of them.
 */
function lostRace(error: unknown): 'version' | 'key' | 'busy' | 'pipeline' | null {
  const text = errorText(error);
  if (text.includes(PIPELINE_STALE)) return 'pipeline';
  if (text.includes('stale_account_version')) return 'version';
  if (text.includes('UNIQUE constraint failed: operations.key')) return 'key';
  if (text.includes('SQLITE_BUSY') || text.includes('database is locked')) return 'busy';
  return null;
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const cause = error.cause instanceof Error ? ` ${errorText(error.cause)}` : '';
  return `${String(code ?? '')} ${error.message}${cause}`;
}

function backoff(attempt: number): Promise<void> {
  // Jitter spreads the processes that lost the same race; this is timing, not money.
  const ms = Math.random() * Math.min(50, 2 ** Math.min(attempt, 6));
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** One turn of the event loop: setImmediate on Node, a zero timeout elsewhere. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof setImmediate === 'function') setImmediate(resolve);
    else setTimeout(resolve, 0);
  });
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
