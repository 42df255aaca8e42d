import { LedgerListInput } from '../../../common/schemas.ts';
import { listLedger } from '../../services/ledger/list.ts';
import { authedProcedure, router } from '../init.ts';

export const ledgerRouter = router({
  list: authedProcedure.input(LedgerListInput).query(({ ctx, input }) => listLedger(ctx, input)),
});
