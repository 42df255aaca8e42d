import { SetAlertRulesInput } from '../../../common/alerts.ts';
import { AccountIdInput } from '../../../common/schemas.ts';
import { getAlertRules } from '../../services/alerts/getRules.ts';
import { setAlertRules } from '../../services/alerts/setRules.ts';
import { authedProcedure, router } from '../init.ts';

export const alertsRouter = router({
  getRules: authedProcedure
    .input(AccountIdInput)
    .query(({ ctx, input }) => getAlertRules(ctx, input.accountId)),
  setRules: authedProcedure
    .input(SetAlertRulesInput)
    .mutation(({ ctx, input }) => setAlertRules(ctx, input)),
});
