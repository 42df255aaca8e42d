import {
  ActivateVoucherInput,
  BatchIdInput,
  CodeIdInput,
  CreateCodeBatchInput,
  InstrumentListInput,
  IssueVoucherInput,
  VoucherIdInput,
} from '../../../common/schemas.ts';
import {
  activateVoucher,
  createCodeBatch,
  listCodeBatches,
  listCodes,
  voidCode,
} from '../../services/vouchers/codes.ts';
import { issueVoucher } from '../../services/vouchers/issue.ts';
import { listVouchers } from '../../services/vouchers/list.ts';
import { voidVoucher } from '../../services/vouchers/void.ts';
import { authedProcedure, router } from '../init.ts';

export const vouchersRouter = router({
  issue: authedProcedure
    .input(IssueVoucherInput)
    .mutation(({ ctx, input }) => issueVoucher(ctx, input)),
  list: authedProcedure
    .input(InstrumentListInput)
    .query(({ ctx, input }) => listVouchers(ctx, input)),
  void: authedProcedure.input(VoucherIdInput).mutation(({ ctx, input }) => voidVoucher(ctx, input)),
  activate: authedProcedure
    .input(ActivateVoucherInput)
    .mutation(({ ctx, input }) => activateVoucher(ctx, input)),
  createCodeBatch: authedProcedure
    .input(CreateCodeBatchInput)
    .mutation(({ ctx, input }) => createCodeBatch(ctx, input)),
  listCodeBatches: authedProcedure.query(({ ctx }) => listCodeBatches(ctx)),
  listCodes: authedProcedure
    .input(BatchIdInput)
    .query(({ ctx, input }) => listCodes(ctx, input.batchId)),
  voidCode: authedProcedure.input(CodeIdInput).mutation(({ ctx, input }) => voidCode(ctx, input)),
});
