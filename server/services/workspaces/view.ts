import type { CloudProvider, SettlementMethod } from '../../../common/settlement/order.ts';
import { startOfNextShanghaiMonthMs, shanghaiMonthKey } from '../../../common/time.ts';
import type { WorkspaceRow } from '../../writer/unit.ts';

export interface WorkspaceView {
  readonly workspaceId: string;
  readonly accountId: string;
  readonly name: string;
  readonly settlementMethod: SettlementMethod;
  readonly cloudProvider: CloudProvider | null;
  readonly cloudAccountId: string | null;
  readonly methodChangedAtMs: number | null;
  /** When the admin may next change the method; null if now. Cloud locks are separate. */
  readonly nextMethodChangeAtMs: number | null;
  /** Why the method cannot change now (the first rule that refuses); null if it can. */
  readonly methodLock: MethodLock;
  readonly createdAtMs: number;
}

/**
 * What stops an admin's change right now, in the order setSettlementMethod checks: a cloud
 * subscription (until the platform reports it ended), then the month's one change.
 */
export type MethodLock = 'cloud_subscription' | 'month_limit' | null;

/** The two fields that tell a form whether the method may change now, and from when. */
export function methodChangeability(
  row: WorkspaceRow,
  nowMs: number,
): { nextMethodChangeAtMs: number | null; methodLock: MethodLock } {
  const monthUsed = changedThisMonth(row, nowMs);
  const methodLock: MethodLock =
    row.settlementMethod === 'cloud_account'
      ? 'cloud_subscription'
      : monthUsed
        ? 'month_limit'
        : null;
  return {
    nextMethodChangeAtMs: monthUsed ? startOfNextShanghaiMonthMs(nowMs) : null,
    methodLock,
  };
}

export function workspaceView(row: WorkspaceRow, nowMs: number): WorkspaceView {
  return {
    workspaceId: row.id,
    accountId: row.accountId,
    name: row.name,
    settlementMethod: row.settlementMethod,
    cloudProvider: row.cloudProvider,
    cloudAccountId: row.cloudAccountId,
    methodChangedAtMs: row.methodChangedAtMs,
    ...methodChangeability(row, nowMs),
    createdAtMs: row.createdAtMs,
  };
}

/** At most one change per calendar month (Asia/Shanghai). */
export function changedThisMonth(row: WorkspaceRow, nowMs: number): boolean {
  return (
    row.methodChangedAtMs !== null &&
    shanghaiMonthKey(row.methodChangedAtMs) === shanghaiMonthKey(nowMs)
  );
}
