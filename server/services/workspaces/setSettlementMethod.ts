/**
 * Changes how a workspace settles. Rules (SPEC, "Charges and the deduction order"):
 * - at most one change per calendar month (Asia/Shanghai); choosing the current method again
 *   changes nothing and does not count;
 * - a workspace that settles through a cloud account stays on it until the platform reports
 *   the subscription cancelled or released (`endCloudSubscription`), which falls back to the
 *   billing center without counting as the admin's change.
 * The method is part of what settlement plans against, so the change goes through the writer
 * and bumps the account version.
 */
import { DomainError } from '../../../common/errors.ts';
import { startOfNextShanghaiMonthMs } from '../../../common/time.ts';
import { fieldIssue } from '../../../common/issues.ts';
import type { SettlementChoiceInput } from '../../../common/schemas.ts';
import type { ServiceContext } from '../../context.ts';
import type { Command } from '../../writer/writer.ts';
import type { Unit, WorkspaceRow } from '../../writer/unit.ts';
import { requireAccountWrite, requireRole } from '../access.ts';
import { changedThisMonth, workspaceView, type WorkspaceView } from './view.ts';

export async function setSettlementMethod(
  ctx: ServiceContext,
  input: { workspaceId: string; settlement: SettlementChoiceInput },
): Promise<WorkspaceView> {
  const accountId = await ctx.lookups.accountOfWorkspace(input.workspaceId);
  requireAccountWrite(ctx.actor, accountId);
  const command: Command<WorkspaceView> = {
    accountId,
    workspaceIds: [input.workspaceId],
    apply: (unit, account) => {
      const row = loadedWorkspace(unit, input.workspaceId);
      if (sameChoice(row, input.settlement)) return workspaceView(row, unit.nowMs);
      if (row.settlementMethod === 'cloud_account') {
        throw new DomainError(
          'CLOUD_SUBSCRIPTION_ACTIVE',
          'the workspace settles through its cloud account until that subscription is ' +
            'cancelled or released',
          [],
          { workspaceId: row.id },
        );
      }
      if (changedThisMonth(row, unit.nowMs)) {
        throw new DomainError(
          'METHOD_CHANGE_LIMIT',
          'the settlement method can change at most once per calendar month',
          [],
          { nextChangeAtMs: startOfNextShanghaiMonthMs(unit.nowMs) },
        );
      }
      const cloud = input.settlement.method === 'cloud_account' ? input.settlement : null;
      row.settlementMethod = input.settlement.method;
      row.cloudProvider = cloud?.cloudProvider ?? null;
      row.cloudAccountId = cloud?.cloudAccountId ?? null;
      row.methodChangedAtMs = unit.nowMs;
      account.touched = true;
      return workspaceView(row, unit.nowMs);
    },
  };
  return (await ctx.writer.submit(command)).result;
}

/**
 * The platform reports that a workspace's cloud subscription was cancelled or released: the
 * workspace falls back to the billing center. Reporting it again changes nothing.
 */
export async function endCloudSubscription(
  ctx: ServiceContext,
  input: { workspaceId: string; cloudAccountId: string },
): Promise<WorkspaceView> {
  requireRole(ctx.actor, ['operator']);
  const accountId = await ctx.lookups.accountOfWorkspace(input.workspaceId);
  const command: Command<WorkspaceView> = {
    accountId,
    workspaceIds: [input.workspaceId],
    apply: (unit, account) => {
      const row = loadedWorkspace(unit, input.workspaceId);
      if (row.settlementMethod === 'billing_center') return workspaceView(row, unit.nowMs);
      if (row.cloudAccountId !== input.cloudAccountId) {
        throw new DomainError(
          'NOT_CLOUD_SETTLED',
          'the workspace settles through another cloud account',
          [fieldIssue('cloudAccountId', 'NOT_THIS_CLOUD_ACCOUNT')],
        );
      }
      row.settlementMethod = 'billing_center';
      row.cloudProvider = null;
      row.cloudAccountId = null;
      account.touched = true;
      return workspaceView(row, unit.nowMs);
    },
  };
  return (await ctx.writer.submit(command)).result;
}

function loadedWorkspace(unit: Unit, workspaceId: string): WorkspaceRow {
  const row = unit.workspace(workspaceId);
  if (!row) {
    throw new DomainError('WORKSPACE_NOT_FOUND', `no workspace ${workspaceId}`, [], {
      workspaceId,
    });
  }
  return row;
}

function sameChoice(row: WorkspaceRow, choice: SettlementChoiceInput): boolean {
  if (choice.method === 'billing_center') return row.settlementMethod === 'billing_center';
  return (
    row.settlementMethod === 'cloud_account' &&
    row.cloudProvider === choice.cloudProvider &&
    row.cloudAccountId === choice.cloudAccountId
  );
}
