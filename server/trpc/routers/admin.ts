import { CreateServiceKeyInput } from '../../../common/schemas.ts';
import { createServiceKey } from '../../services/accounts/createKey.ts';
import { runAudit } from '../../services/admin/audit.ts';
import { requireRole } from '../../services/access.ts';
import { runExpiry } from '../../services/expiry/run.ts';
import { authedProcedure, router } from '../init.ts';

export const adminRouter = router({
  audit: authedProcedure.query(({ ctx }) => runAudit(ctx)),
  createApiKey: authedProcedure
    .input(CreateServiceKeyInput)
    .mutation(({ ctx, input }) => createServiceKey(ctx, input)),
  /** Runs the expiry job now (it also runs on a timer and from the edge cron trigger). */
  runExpiry: authedProcedure.mutation(({ ctx }) => {
    requireRole(ctx.actor, ['operator']);
    return runExpiry(ctx);
  }),
});
