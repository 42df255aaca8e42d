import * as v from 'valibot';
import {
  AccountIdInput,
  ClientKey,
  CreateWorkspaceInput,
  SetSettlementMethodInput,
  WorkspaceIdInput,
} from '../../../common/schemas.ts';
import { createWorkspace } from '../../services/workspaces/create.ts';
import { getWorkspace, listWorkspaces } from '../../services/workspaces/list.ts';
import {
  endCloudSubscription,
  setSettlementMethod,
} from '../../services/workspaces/setSettlementMethod.ts';
import { workspaceStatus } from '../../services/workspaces/status.ts';
import { authedProcedure, router } from '../init.ts';

export const workspacesRouter = router({
  create: authedProcedure
    .input(CreateWorkspaceInput)
    .mutation(({ ctx, input }) => createWorkspace(ctx, input)),
  get: authedProcedure
    .input(WorkspaceIdInput)
    .query(({ ctx, input }) => getWorkspace(ctx, input.workspaceId)),
  list: authedProcedure
    .input(AccountIdInput)
    .query(({ ctx, input }) => listWorkspaces(ctx, input.accountId)),
  setSettlementMethod: authedProcedure
    .input(SetSettlementMethodInput)
    .mutation(({ ctx, input }) => setSettlementMethod(ctx, input)),
  status: authedProcedure
    .input(WorkspaceIdInput)
    .query(({ ctx, input }) => workspaceStatus(ctx, input.workspaceId)),
  endCloudSubscription: authedProcedure
    .input(v.object({ workspaceId: ClientKey, cloudAccountId: ClientKey }))
    .mutation(({ ctx, input }) => endCloudSubscription(ctx, input)),
});
