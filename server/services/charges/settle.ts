/**
 * Settles pay-as-you-go charges: plan with the shared planner against the account's current
 * state, then apply the plan in the writer's atomic group commit. Idempotent on the
 * caller's charge id.
 */
import { amountToFen, negateFen } from '../../../common/money.ts';
import { shanghaiTimestamp } from '../../../common/time.ts';
import { DomainError, type ErrorParams } from '../../../common/errors.ts';
import { fieldIssue } from '../../../common/issues.ts';
import type { SettleChargeData } from '../../../common/schemas.ts';
import {
  cloudAccountRef,
  planSettlement,
  recordOfPart,
  type PlannedPart,
} from '../../../common/settlement/plan.ts';
import { chargeParts, charges } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import type { AccountState, Unit, WorkspaceRow } from '../../writer/unit.ts';
import type { Command, Outcome } from '../../writer/writer.ts';
import { requireRole } from '../access.ts';
import { chargeView, type ChargePartRow, type ChargeRow, type ChargeView } from './view.ts';

export interface SettledCharge extends ChargeView {
  /** True when this charge id had already been settled and nothing moved now. */
  readonly replayed: boolean;
}

export async function settleCharge(
  ctx: ServiceContext,
  input: SettleChargeData,
): Promise<SettledCharge> {
  requireRole(ctx.actor, ['metering', 'operator']);
  const command = await settleCommand(ctx, input);
  return withReplay(await ctx.writer.submit(command));
}

export interface BatchItemResult {
  readonly chargeId: string;
  readonly ok: boolean;
  readonly charge: SettledCharge | null;
  readonly error: { code: string; message: string; params: ErrorParams } | null;
}

/** Settles many charges; each is its own idempotent settlement, committed together. */
export async function settleChargeBatch(
  ctx: ServiceContext,
  input: readonly SettleChargeData[],
): Promise<BatchItemResult[]> {
  requireRole(ctx.actor, ['metering', 'operator']);
  return Promise.all(
    input.map(async (charge) => {
      try {
        const settled = withReplay(await ctx.writer.submit(await settleCommand(ctx, charge)));
        return { chargeId: charge.chargeId, ok: true, charge: settled, error: null };
      } catch (error) {
        // Each item answers for itself: one unexpected failure must not hide the others,
        // which are committed. Internals stay in the server's log.
        const failure =
          error instanceof DomainError
            ? { code: error.code, message: error.message, params: error.params }
            : { code: 'INTERNAL', message: 'internal error', params: {} };
        if (!(error instanceof DomainError))
          console.error('[wallet] settleBatch item failed', error);
        return { chargeId: charge.chargeId, ok: false, charge: null, error: failure };
      }
    }),
  );
}

function withReplay(outcome: Outcome<ChargeView>): SettledCharge {
  return { ...outcome.result, replayed: outcome.replayed };
}

/**
 * How far ahead of the wallet's clock a billing period may start: the metering service's
 * clock may run a little fast, but usage that has not happened yet is not billed.
 */
export const PERIOD_START_SKEW_MS = 5 * 60_000;

/** Refuses a charge whose billing period starts in the future (beyond the clock skew). */
function requirePastPeriod(input: SettleChargeData, nowMs: number): void {
  const latestStartMs = nowMs + PERIOD_START_SKEW_MS;
  if (input.periodStartMs <= latestStartMs) return;
  const issue = fieldIssue('periodStartMs', 'IN_FUTURE', { latestStartMs });
  const reason = `${issue.message} (latest ${shanghaiTimestamp(latestStartMs)})`;
  throw new DomainError(
    'PERIOD_IN_FUTURE',
    `periodStartMs: ${reason}`,
    [{ ...issue, message: reason }],
    { periodStartMs: input.periodStartMs, latestStartMs, skewMs: PERIOD_START_SKEW_MS },
  );
}

async function settleCommand(
  ctx: ServiceContext,
  input: SettleChargeData,
): Promise<Command<ChargeView>> {
  requirePastPeriod(input, ctx.clock.nowMs());
  const accountId = await ctx.lookups.accountOfWorkspace(input.workspaceId);
  const amountFen = amountToFen(input.amount);
  return {
    accountId,
    workspaceIds: [input.workspaceId],
    idempotency: {
      key: `charge:${input.chargeId}`,
      request: JSON.stringify([
        input.workspaceId,
        input.category,
        amountFen,
        input.periodStartMs,
        input.periodEndMs,
        input.description,
      ]),
    },
    apply: (unit, account) => applySettlement(unit, account, input, amountFen),
  };
}

function applySettlement(
  unit: Unit,
  account: AccountState,
  input: SettleChargeData,
  amountFen: number,
): ChargeView {
  const workspace = unit.workspace(input.workspaceId);
  if (!workspace || workspace.accountId !== account.id) {
    throw new DomainError('WORKSPACE_NOT_FOUND', `no workspace ${input.workspaceId}`, [], {
      workspaceId: input.workspaceId,
    });
  }
  const plan = planSettlement({
    amountFen,
    category: input.category,
    method: workspace.settlementMethod,
    instruments: account.instruments(),
    cashFen: account.cashFen,
    nowMs: unit.nowMs,
  });
  const partRows = plan.parts.map((part, position) =>
    applyPart(unit, account, workspace, input.chargeId, part, position),
  );
  const totals = { paidFen: plan.paidFen, overdueFen: 0, cloudFen: 0 };
  if (plan.remainderSink === 'overdue') totals.overdueFen = plan.remainderFen;
  else totals.cloudFen = plan.remainderFen;
  const row: ChargeRow = {
    id: input.chargeId,
    accountId: account.id,
    workspaceId: workspace.id,
    category: input.category,
    amountFen,
    periodStartMs: input.periodStartMs,
    periodEndMs: input.periodEndMs,
    description: input.description,
    settlementMethod: workspace.settlementMethod,
    cloudProvider: workspace.cloudProvider,
    cloudAccountId: workspace.cloudAccountId,
    ...totals,
    settledAtMs: unit.nowMs,
  };
  unit.insert(charges, row);
  for (const part of partRows) unit.insert(chargeParts, part);
  const view = chargeView(row, partRows);
  unit.emit('charge.settled', account.id, view);
  return view;
}

/** Moves one part of the plan: the wallet's balance it draws on, and its ledger entry. */
function applyPart(
  unit: Unit,
  account: AccountState,
  workspace: WorkspaceRow,
  chargeId: string,
  part: PlannedPart,
  position: number,
): ChargePartRow {
  // Described before the wallet moves: the overdue part's debt after is the debt before plus it.
  const record = recordOfPart(part, {
    overdueFen: account.overdueFen,
    cloudAccountRef: cloudAccountRef(workspace),
  });
  switch (part.source) {
    case 'cash':
      account.spendCash(part.amountFen);
      break;
    case 'overdue':
      account.addOverdue(part.amountFen, unit.nowMs);
      break;
    case 'cloud_account':
      break;
    default:
      account.spendInstrument(part.instrumentId, part.balanceFenAfter);
  }
  // Wallet instruments go down; the overdue debt and the cloud bill go up.
  const increases = part.source === 'overdue' || part.source === 'cloud_account';
  unit.ledger({
    accountId: account.id,
    workspaceId: workspace.id,
    reason: 'charge',
    refType: 'charge',
    refId: chargeId,
    instrument: part.source,
    instrumentId: record.instrumentId,
    amountFen: increases ? part.amountFen : negateFen(part.amountFen),
    balanceFenAfter: record.balanceFenAfter,
  });
  return { chargeId, position, ...record };
}
