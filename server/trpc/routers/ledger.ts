import { AccountIdInput, LedgerListInput } from '../../../common/schemas.ts';
import { ledgerHead } from '../../services/ledger/head.ts';
import { listLedger } from '../../services/ledger/list.ts';
import { authedProcedure, router } from '../init.ts';

export const ledgerRouter = router({
  list: authedProcedure.input(LedgerListInput).query(({ ctx, input }) => listLedger(ctx, input)),
  /** The head of the account's ledger hash chain (seq and hash), to note down or publish. */
  head: authedProcedure
    .input(AccountIdInput)
    .query(({ ctx, input }) => ledgerHead(ctx, input.accountId)),
});
