import { RecordBankTransferInput } from '../../../common/schemas.ts';
import { recordBankTransfer } from '../../services/cash/recordBankTransfer.ts';
import { authedProcedure, router } from '../init.ts';

export const cashRouter = router({
  recordBankTransfer: authedProcedure
    .input(RecordBankTransferInput)
    .mutation(({ ctx, input }) => recordBankTransfer(ctx, input)),
});
