import { AdvanceTestClockInput, CreateServiceKeyInput } from '../../../common/schemas.ts';
import { createServiceKey } from '../../services/accounts/createKey.ts';
import { runAudit } from '../../services/admin/audit.ts';
import { requireRole } from '../../services/access.ts';
import { runExpiry } from '../../services/expiry/run.ts';
import { advanceTestClock } from '../../services/testClock/advance.ts';
import { getTestClock } from '../../services/testClock/get.ts';
import { testClockView } from '../../services/testClock/view.ts';
import { authedProcedure, publicProcedure, router } from '../init.ts';

/** The test clock: operators read and advance it (TEST_CLOCK_OFF where it is off). */
const testClockRouter = router({
  get: authedProcedure.query(({ ctx }) => getTestClock(ctx)),
  advance: authedProcedure
    .input(AdvanceTestClockInput)
    .mutation(({ ctx, input }) => advanceTestClock(ctx, input)),
});

/** Read-only, for everyone: the UI's banner shows it on every page while it is not real time. */
export const testClockStatusRouter = router({
  status: publicProcedure.query(({ ctx }) => testClockView(ctx)),
});

export const adminRouter = router({
  testClock: testClockRouter,
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
