import {
  AccountIdInput,
  CreateTopUpInput,
  ListTopUpsInput,
  OrderIdInput,
  RecordBankTransferInput,
} from '../../../common/schemas.ts';
import { createTopUp, getTopUp } from '../../services/topUps/topUps.ts';
import { paymentMode } from '../../services/topUps/paymentMode.ts';
import { reconcileTopUp } from '../../services/topUps/reconcileTopUp.ts';
import { listTopUps } from '../../services/topUps/list.ts';
import { bankTransferInfo } from '../../services/cash/bankTransferInfo.ts';
import { recordBankTransfer } from '../../services/cash/recordBankTransfer.ts';
import { authedProcedure, router } from '../init.ts';

export const cashRouter = router({
  createTopUp: authedProcedure
    .input(CreateTopUpInput)
    .mutation(({ ctx, input }) => createTopUp(ctx, input)),
  topUp: authedProcedure
    .input(OrderIdInput)
    .query(({ ctx, input }) => getTopUp(ctx, input.orderId)),
  /** Asks the provider about one unpaid order now; credits it if it was paid. */
  reconcileTopUp: authedProcedure
    .input(OrderIdInput)
    .mutation(({ ctx, input }) => reconcileTopUp(ctx, input.orderId)),
  paymentMode: authedProcedure.query(({ ctx }) => paymentMode(ctx)),
  listTopUps: authedProcedure
    .input(ListTopUpsInput)
    .query(({ ctx, input }) => listTopUps(ctx, input)),
  recordBankTransfer: authedProcedure
    .input(RecordBankTransferInput)
    .mutation(({ ctx, input }) => recordBankTransfer(ctx, input)),
  bankTransferInfo: authedProcedure
    .input(AccountIdInput)
    .query(({ ctx, input }) => bankTransferInfo(ctx, input.accountId)),
});
