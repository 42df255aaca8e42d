/**
 * The single writer of a process: every write that changes a balance goes through here.
 *
 * Group commit: commands that arrive together are taken as one group. The writer reads the
 * state of every account the group touches in one read batch, applies the commands one after
 * another to that in-memory state, and commits all their changes in one atomic batch. Within
 * the process commands never conflict (there is one writer). Across processes the batch
 * opens with a compare-and-set of each touched account's version, so a group planned against
 * state another process has since changed aborts whole and is planned again on fresh state.
 *
 * A command that fails its own rules (a DomainError) fails alone; the rest of the group
 * commits. A batch that fails for any reason other than a lost race is retried command by
 * command, so one bad command cannot take its neighbours down with it.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { accounts, operations, prepaidCards, vouchers, workspaces } from '../../db/schema/index.ts';
import { DomainError, isDomainError } from '../../common/errors.ts';
import type { Clock } from '../clock.ts';
import { AccountState, Unit, type Snapshot } from './unit.ts';

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
  conflicts: number;
  isolations: number;
}

export class Writer {
  readonly stats: WriterStats = { groups: 0, commands: 0, conflicts: 0, isolations: 0 };
  private readonly database: Database;
  private readonly clock: Clock;
  private readonly maxGroup: number;
  private readonly maxAttempts: number;
  private readonly maxParams: number;
  private queue: Pending[] = [];
  private draining: Promise<void> | null = null;

  constructor(database: Database, clock: Clock, options: WriterOptions = {}) {
    this.database = database;
    this.clock = clock;
    this.maxGroup = options.maxGroup ?? 256;
    this.maxAttempts = options.maxAttempts ?? 40;
    this.maxParams = options.maxParams ?? 32_000;
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

  private async drain(): Promise<void> {
    try {
      do {
        // Let every request already received enqueue first: that is the group.
        await nextTurn();
        const group = this.queue.splice(0, this.maxGroup);
        await this.commitGroup(group);
      } while (this.queue.length > 0);
    } finally {
      this.draining = null;
    }
  }

  private async commitGroup(group: Pending[]): Promise<void> {
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      let results: Result[];
      try {
        results = await this.attempt(group);
      } catch (error) {
        await this.database.reapplyPragmas().catch(() => undefined);
        if (isLostRace(error)) {
          this.stats.conflicts++;
          await backoff(attempt);
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

  /** Plans every command against fresh state and commits the group in one batch. */
  private async attempt(group: Pending[]): Promise<Result[]> {
    const unit = new Unit(this.clock.nowMs(), await this.load(group), this.database.db);
    const results = group.map((pending) => this.run(unit, pending.command));
    const statements = unit.statements(this.database.db, this.maxParams);
    const [first, ...rest] = statements;
    if (first) await this.database.db.batch([first, ...rest]);
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

  private async load(group: Pending[]): Promise<Snapshot> {
    const db = this.database.db;
    const accountIds = unique(group.map((p) => p.command.accountId));
    const workspaceIds = unique(group.flatMap((p) => p.command.workspaceIds ?? []));
    const keys = unique(
      group.flatMap((p) => [
        ...(p.command.idempotency ? [p.command.idempotency.key] : []),
        ...(p.command.claims ?? []).map((claim) => claim.key),
      ]),
    );
    const [accountRows, voucherRows, cardRows, workspaceRows, operationRows] = await db.batch([
      db.select().from(accounts).where(inArray(accounts.id, accountIds)),
      db
        .select()
        .from(vouchers)
        .where(and(inArray(vouchers.accountId, accountIds), eq(vouchers.status, 'active'))),
      db
        .select()
        .from(prepaidCards)
        .where(and(inArray(prepaidCards.accountId, accountIds), eq(prepaidCards.status, 'active'))),
      db.select().from(workspaces).where(inArray(workspaces.id, workspaceIds)),
      db.select().from(operations).where(inArray(operations.key, keys)),
    ]);
    const states = new Map<string, AccountState>();
    for (const row of accountRows) {
      states.set(
        row.id,
        new AccountState(
          row,
          voucherRows.filter((voucher) => voucher.accountId === row.id),
          cardRows.filter((card) => card.accountId === row.id),
        ),
      );
    }
    return {
      accounts: states,
      workspaces: new Map(workspaceRows.map((row) => [row.id, row])),
      operations: new Map(operationRows.map((row) => [row.key, row])),
    };
  }
}

/**
 * Errors that mean another process committed first: the version compare-and-set failed,
 * the database was locked past the busy timeout, or an idempotency key was taken meanwhile.
 * Planning again on fresh state resolves each of them.
 */
function isLostRace(error: unknown): boolean {
  const text = errorText(error);
  return (
    text.includes('stale_account_version') ||
    text.includes('SQLITE_BUSY') ||
    text.includes('database is locked') ||
    text.includes('UNIQUE constraint failed: operations.key')
  );
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
