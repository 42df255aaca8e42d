/**
 * Binds a workspace (the platform's id) to an account. The binding is permanent, so the
 * workspace-to-account cache is safe. Creating the same workspace again for the same
 * account returns it; for another account it is a conflict.
 */
import { eq } from 'drizzle-orm';
import { DomainError } from '../../../common/errors.ts';
import { fieldIssue } from '../../../common/issues.ts';
import type { SettlementChoiceInput } from '../../../common/schemas.ts';
import { accounts, workspaces } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { accountNotFound, requireAccountWrite } from '../access.ts';
import { workspaceView, type WorkspaceView } from './view.ts';

export async function createWorkspace(
  ctx: ServiceContext,
  input: {
    accountId: string;
    workspaceId: string;
    name: string;
    settlement?: SettlementChoiceInput | undefined;
  },
): Promise<WorkspaceView> {
  requireAccountWrite(ctx.actor, input.accountId);
  const db = ctx.database.db;
  const account = await db.query.accounts.findFirst({
    where: eq(accounts.id, input.accountId),
    columns: { id: true },
  });
  if (!account) throw accountNotFound(input.accountId);
  const nowMs = ctx.clock.nowMs();
  const settlement = input.settlement ?? { method: 'billing_center' as const };
  const cloud = settlement.method === 'cloud_account' ? settlement : null;
  await db
    .insert(workspaces)
    .values({
      id: input.workspaceId,
      accountId: input.accountId,
      name: input.name,
      settlementMethod: settlement.method,
      cloudProvider: cloud?.cloudProvider ?? null,
      cloudAccountId: cloud?.cloudAccountId ?? null,
      createdAtMs: nowMs,
    })
    .onConflictDoNothing();
  const row = await db.query.workspaces.findFirst({ where: eq(workspaces.id, input.workspaceId) });
  if (!row || row.accountId !== input.accountId) {
    throw new DomainError(
      'WORKSPACE_EXISTS',
      `workspace ${input.workspaceId} is bound to another account`,
      [fieldIssue('workspaceId', 'ALREADY_BOUND')],
      { workspaceId: input.workspaceId },
    );
  }
  return workspaceView(row, nowMs);
}
