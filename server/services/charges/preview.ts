/**
 * Shows how a charge would be paid right now, without writing anything: the same planner
 * the settlement uses, on the account's current state.
 */
import { amountToFen, fenToAmount } from '../../../common/money.ts';
import { DomainError } from '../../../common/errors.ts';
import type { ChargeCategory } from '../../../common/settlement/order.ts';
import { cloudAccountRef, planSettlement, recordOfPart } from '../../../common/settlement/plan.ts';
import type { ServiceContext } from '../../context.ts';
import { requireAccountRead } from '../access.ts';
import { loadWallet } from '../accounts/wallet.ts';
import type { ChargePartView } from './view.ts';

export interface ChargePreview {
  readonly workspaceId: string;
  readonly category: ChargeCategory;
  readonly amount: string;
  readonly parts: readonly ChargePartView[];
  readonly paid: string;
  readonly remainder: string;
  readonly remainderSink: 'overdue' | 'cloud_account';
}

export async function previewCharge(
  ctx: ServiceContext,
  input: { workspaceId: string; category: ChargeCategory; amount: string },
): Promise<ChargePreview> {
  const accountId = await ctx.lookups.accountOfWorkspace(input.workspaceId);
  if (ctx.actor.role !== 'metering') requireAccountRead(ctx.actor, accountId);
  const wallet = await loadWallet(ctx.database.db, accountId);
  const workspace = wallet.workspaces.find((row) => row.id === input.workspaceId);
  if (!workspace) {
    throw new DomainError('WORKSPACE_NOT_FOUND', `no workspace ${input.workspaceId}`, [], {
      workspaceId: input.workspaceId,
    });
  }
  const plan = planSettlement({
    amountFen: amountToFen(input.amount),
    category: input.category,
    method: workspace.settlementMethod,
    instruments: wallet.instruments,
    cashFen: wallet.account.cashFen,
    nowMs: ctx.clock.nowMs(),
  });
  return {
    workspaceId: input.workspaceId,
    category: input.category,
    amount: fenToAmount(plan.amountFen),
    // Described as the settlement will describe them (recordOfPart).
    parts: plan.parts.map((part) => {
      const record = recordOfPart(part, {
        overdueFen: wallet.account.overdueFen,
        cloudAccountRef: cloudAccountRef(workspace),
      });
      return {
        source: record.source,
        instrumentId: record.instrumentId,
        instrumentNumber: record.instrumentNumber,
        amount: fenToAmount(record.amountFen),
        balanceAfter: record.balanceFenAfter === null ? null : fenToAmount(record.balanceFenAfter),
      };
    }),
    paid: fenToAmount(plan.paidFen),
    remainder: fenToAmount(plan.remainderFen),
    remainderSink: plan.remainderSink,
  };
}
