import { asc, eq } from 'drizzle-orm';
import { DomainError } from '../../../common/errors.ts';
import { workspaces } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { requireAccountRead, requireReadableAccount } from '../access.ts';
import { workspaceView, type WorkspaceView } from './view.ts';

export async function listWorkspaces(
  ctx: ServiceContext,
  accountId: string,
): Promise<WorkspaceView[]> {
  await requireReadableAccount(ctx, accountId);
  const rows = await ctx.database.db
    .select()
    .from(workspaces)
    .where(eq(workspaces.accountId, accountId))
    .orderBy(asc(workspaces.id));
  const nowMs = ctx.clock.nowMs();
  return rows.map((row) => workspaceView(row, nowMs));
}

export async function getWorkspace(
  ctx: ServiceContext,
  workspaceId: string,
): Promise<WorkspaceView> {
  const row = await ctx.database.db.query.workspaces.findFirst({
    where: eq(workspaces.id, workspaceId),
  });
  if (!row) {
    throw new DomainError('WORKSPACE_NOT_FOUND', `no workspace ${workspaceId}`, [], {
      workspaceId,
    });
  }
  if (ctx.actor.role !== 'metering') requireAccountRead(ctx.actor, row.accountId);
  return workspaceView(row, ctx.clock.nowMs());
}
