/**
 * Whether a workspace may ingest. While its account is overdue, each billing-center workspace
 * is in a 14-day grace period counted from when the account became overdue, then locked.
 * Paying the overdue off unlocks at once (the account's overdue clock stops). Workspaces
 * that settle through a cloud account are not affected by the wallet's overdue.
 */
import { eq } from 'drizzle-orm';
import { DomainError } from '../../../common/errors.ts';
import { fenToAmount } from '../../../common/money.ts';
import { addDaysMs } from '../../../common/time.ts';
import { accounts, workspaces } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { requireAccountRead } from '../access.ts';
import { methodChangeability, type MethodLock } from './view.ts';

export const GRACE_DAYS = 14;

export interface WorkspaceStatus {
  readonly workspaceId: string;
  readonly accountId: string;
  readonly status: 'active' | 'grace' | 'locked';
  readonly mayIngest: boolean;
  readonly overdue: string;
  readonly overdueSinceMs: number | null;
  /** When the workspace locks (grace) or locked (locked); null while active. */
  readonly lockAtMs: number | null;
  /** As on the workspace: when the admin may next change the method, and what stops it. */
  readonly nextMethodChangeAtMs: number | null;
  readonly methodLock: MethodLock;
}

export async function workspaceStatus(
  ctx: ServiceContext,
  workspaceId: string,
): Promise<WorkspaceStatus> {
  const db = ctx.database.db;
  const [row] = await db
    .select({ workspace: workspaces, account: accounts })
    .from(workspaces)
    .innerJoin(accounts, eq(accounts.id, workspaces.accountId))
    .where(eq(workspaces.id, workspaceId));
  if (!row) {
    throw new DomainError('WORKSPACE_NOT_FOUND', `no workspace ${workspaceId}`, [], {
      workspaceId,
    });
  }
  if (ctx.actor.role !== 'metering') requireAccountRead(ctx.actor, row.account.id);
  const { account, workspace } = row;
  const overdueSinceMs =
    workspace.settlementMethod === 'billing_center' ? account.overdueSinceMs : null;
  const lockAtMs = overdueSinceMs === null ? null : addDaysMs(overdueSinceMs, GRACE_DAYS);
  const nowMs = ctx.clock.nowMs();
  const status = lockAtMs === null ? 'active' : nowMs < lockAtMs ? 'grace' : 'locked';
  return {
    workspaceId,
    accountId: account.id,
    status,
    mayIngest: status !== 'locked',
    overdue: fenToAmount(account.overdueFen),
    overdueSinceMs: account.overdueSinceMs,
    lockAtMs,
    ...methodChangeability(workspace, nowMs),
  };
}
