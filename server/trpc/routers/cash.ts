import { AccountIdInput, RecordBankTransferInput } from '../../../common/schemas.ts';
import { bankTransferInfo } from '../../services/cash/bankTransferInfo.ts';
import { recordBankTransfer } from '../../services/cash/recordBankTransfer.ts';
import { authedProcedure, router } from '../init.ts';

export const cashRouter = router({
  recordBankTransfer: authedProcedure
    .input(RecordBankTransferInput)
    .mutation(({ ctx, input }) => recordBankTransfer(ctx, input)),
  bankTransferInfo: authedProcedure
    .input(AccountIdInput)
    .query(({ ctx, input }) => bankTransferInfo(ctx, input.accountId)),
});
