import { CreateServiceKeyInput } from '../../../common/schemas.ts';
import { createServiceKey } from '../../services/accounts/createKey.ts';
import { runAudit } from '../../services/admin/audit.ts';
import { authedProcedure, router } from '../init.ts';

export const adminRouter = router({
  audit: authedProcedure.query(({ ctx }) => runAudit(ctx)),
  createApiKey: authedProcedure
    .input(CreateServiceKeyInput)
    .mutation(({ ctx, input }) => createServiceKey(ctx, input)),
});
