/**
 * The accounts a writer has seen, kept between groups so that a group on known accounts
 * plans without reading anything: each account's row as last committed or loaded, its active
 * instruments, and the workspaces commands used with it.
 *
 * What makes this safe across processes is the version compare-and-set, not freshness: a
 * group planned on an entry another process has since changed commits with a stale version,
 * the version trigger aborts it whole, and the writer forgets the group's accounts and plans
 * again on rows it reads afresh. Nothing changes an account, its instruments or its
 * workspaces without bumping that version (every such write is a writer command, and the
 * writer bumps the version of every account a command succeeded on).
 *
 * Workspaces live inside their account's entry, so they are read again whenever the account
 * is: a workspace can never be trusted on the strength of an account version it was not read
 * with. Entries are plain rows; groups plan on copies and only a committed group writes back.
 */
import type { AccountRow, Held, LoadedRows, WorkspaceRow } from '../../db/store.ts';
import { AccountState } from './unit.ts';

interface Entry {
  row: AccountRow;
  held: readonly Held[];
  readonly workspaces: Map<string, WorkspaceRow>;
}

/** More accounts than this and the cache starts over (it only saves reads). */
const MAX_ACCOUNTS = 100_000;

export class StateCache {
  private readonly entries = new Map<string, Entry>();

  has(accountId: string): boolean {
    return this.entries.has(accountId);
  }

  hasWorkspace(accountId: string, workspaceId: string): boolean {
    return this.entries.get(accountId)?.workspaces.has(workspaceId) ?? false;
  }

  /**
   * Takes in rows just read; workspaces join the entry of the account they belong to. An
   * account remembered meanwhile (a group planned on it while the read was on its way) keeps
   * that newer entry.
   */
  absorb(rows: LoadedRows): void {
    if (this.entries.size + rows.accounts.length > MAX_ACCOUNTS) this.entries.clear();
    for (const row of rows.accounts) {
      if (this.entries.has(row.id)) continue;
      this.entries.set(row.id, {
        row,
        held: rows.instruments.filter((held) => held.row.accountId === row.id),
        workspaces: new Map(),
      });
    }
    for (const workspace of rows.workspaces) {
      this.entries.get(workspace.accountId)?.workspaces.set(workspace.id, workspace);
    }
  }

  /** A fresh in-memory state for one group to change; the entry itself stays as it is. */
  state(accountId: string): AccountState | undefined {
    const entry = this.entries.get(accountId);
    return entry && new AccountState(entry.row, entry.held);
  }

  /** A copy of a workspace row for one group (commands may change it in place). */
  workspace(accountId: string, workspaceId: string): WorkspaceRow | undefined {
    const row = this.entries.get(accountId)?.workspaces.get(workspaceId);
    return row && { ...row };
  }

  /**
   * Right after a group is planned and its commit sent: every account it touched as the
   * commit will leave it, so the next group can plan on that while this one commits. If the
   * commit fails, the writer forgets everything (`clear`).
   */
  planned(states: Iterable<AccountState>, workspaces: ReadonlyMap<string, WorkspaceRow>): void {
    for (const state of states) {
      const entry = this.entries.get(state.id);
      if (!entry || !state.touched) continue;
      entry.row = {
        ...state.original,
        cashFen: state.cashFen,
        overdueFen: state.overdueFen,
        overdueSinceMs: state.overdueSinceMs,
        invoiceableFen: state.invoiceableFen,
        invoiceReservedFen: state.invoiceReservedFen,
        ledgerSeq: state.ledgerSeq,
        ledgerHeadHash: state.ledgerHeadHash,
        ...state.alerts.columns(),
        version: state.original.version + 1,
      };
      // Only active instruments pay; the store loads no others either.
      entry.held = state.active();
      for (const [id, workspace] of workspaces) {
        if (workspace.accountId === state.id) entry.workspaces.set(id, { ...workspace });
      }
    }
  }

  forget(accountIds: Iterable<string>): void {
    for (const id of accountIds) this.entries.delete(id);
  }

  clear(): void {
    this.entries.clear();
  }
}
