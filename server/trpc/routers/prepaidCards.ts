import {
  DistributeCardInput,
  InstrumentListInput,
  PurchaseCardsInput,
  QuoteCardsInput,
} from '../../../common/schemas.ts';
import { distributeCard } from '../../services/prepaidCards/distribute.ts';
import { listCards } from '../../services/prepaidCards/list.ts';
import { discountTiers, purchaseCards, quoteCards } from '../../services/prepaidCards/purchase.ts';
import { authedProcedure, router } from '../init.ts';

export const prepaidCardsRouter = router({
  distribute: authedProcedure
    .input(DistributeCardInput)
    .mutation(({ ctx, input }) => distributeCard(ctx, input)),
  list: authedProcedure.input(InstrumentListInput).query(({ ctx, input }) => listCards(ctx, input)),
  quote: authedProcedure.input(QuoteCardsInput).query(({ ctx, input }) => quoteCards(ctx, input)),
  tiers: authedProcedure.query(({ ctx }) => discountTiers(ctx)),
  purchase: authedProcedure
    .input(PurchaseCardsInput)
    .mutation(({ ctx, input }) => purchaseCards(ctx, input)),
});
