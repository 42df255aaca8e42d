/**
 * Caches of facts that never change once written: which account a workspace is bound to,
 * which account a remittance reference belongs to. Safe to share across requests and to
 * keep per process, because no write ever changes them.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { accounts, workspaces } from '../db/schema/index.ts';
import { DomainError } from '../common/errors.ts';
import { fieldIssue } from '../common/issues.ts';

const MAX_ENTRIES = 100_000;

export class Lookups {
  private readonly workspaceAccounts = new Map<string, string>();
  private readonly referenceAccounts = new Map<string, string>();

  constructor(private readonly db: Db) {}

  async accountOfWorkspace(workspaceId: string): Promise<string> {
    const cached = this.workspaceAccounts.get(workspaceId);
    if (cached) return cached;
    const [row] = await this.db
      .select({ accountId: workspaces.accountId })
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId));
    if (!row) {
      throw new DomainError('WORKSPACE_NOT_FOUND', `no workspace ${workspaceId}`, [], {
        workspaceId,
      });
    }
    remember(this.workspaceAccounts, workspaceId, row.accountId);
    return row.accountId;
  }

  async accountOfReference(reference: string): Promise<string> {
    const cached = this.referenceAccounts.get(reference);
    if (cached) return cached;
    const [row] = await this.db
      .select({ id: accounts.id })
      .from(accounts)
      .where(eq(accounts.remittanceRef, reference));
    if (!row) {
      throw new DomainError(
        'REFERENCE_NOT_FOUND',
        `no account has the reference ${reference}`,
        [fieldIssue('reference', 'REFERENCE_UNKNOWN')],
        { reference },
      );
    }
    remember(this.referenceAccounts, reference, row.id);
    return row.id;
  }
}

function remember(map: Map<string, string>, key: string, value: string): void {
  if (map.size >= MAX_ENTRIES) map.clear();
  map.set(key, value);
}
