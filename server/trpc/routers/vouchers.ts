import { InstrumentListInput, IssueVoucherInput } from '../../../common/schemas.ts';
import { issueVoucher } from '../../services/vouchers/issue.ts';
import { listVouchers } from '../../services/vouchers/list.ts';
import { authedProcedure, router } from '../init.ts';

export const vouchersRouter = router({
  issue: authedProcedure
    .input(IssueVoucherInput)
    .mutation(({ ctx, input }) => issueVoucher(ctx, input)),
  list: authedProcedure
    .input(InstrumentListInput)
    .query(({ ctx, input }) => listVouchers(ctx, input)),
});
