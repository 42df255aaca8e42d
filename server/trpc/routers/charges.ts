import {
  ChargeFilterInput,
  ChargeIdInput,
  ChargeSpendInput,
  ListChargesInput,
  PreviewChargeInput,
  SettleBatchInput,
  SettleChargeInput,
} from '../../../common/schemas.ts';
import { getCharge } from '../../services/charges/get.ts';
import { listCharges } from '../../services/charges/list.ts';
import { previewCharge } from '../../services/charges/preview.ts';
import { settleCharge, settleChargeBatch } from '../../services/charges/settle.ts';
import { chargeSpend } from '../../services/charges/spend.ts';
import { chargeTotals } from '../../services/charges/totals.ts';
import { authedProcedure, router } from '../init.ts';

export const chargesRouter = router({
  settle: authedProcedure
    .input(SettleChargeInput)
    .mutation(({ ctx, input }) => settleCharge(ctx, input)),
  settleBatch: authedProcedure
    .input(SettleBatchInput)
    .mutation(({ ctx, input }) => settleChargeBatch(ctx, input.charges)),
  get: authedProcedure
    .input(ChargeIdInput)
    .query(({ ctx, input }) => getCharge(ctx, input.chargeId)),
  list: authedProcedure.input(ListChargesInput).query(({ ctx, input }) => listCharges(ctx, input)),
  totals: authedProcedure
    .input(ChargeFilterInput)
    .query(({ ctx, input }) => chargeTotals(ctx, input)),
  spend: authedProcedure.input(ChargeSpendInput).query(({ ctx, input }) => chargeSpend(ctx, input)),
  preview: authedProcedure
    .input(PreviewChargeInput)
    .query(({ ctx, input }) => previewCharge(ctx, input)),
});
