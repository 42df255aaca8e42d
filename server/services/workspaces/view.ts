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
  readonly createdAtMs: number;
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
    nextMethodChangeAtMs: changedThisMonth(row, nowMs) ? startOfNextShanghaiMonthMs(nowMs) : null,
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
