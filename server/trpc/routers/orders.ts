import {
  AccountIdInput,
  CheckoutOrderInput,
  CreateOrderInput,
  OrderIdInput,
} from '../../../common/schemas.ts';
import { checkoutOrder, refundOrder } from '../../services/orders/checkout.ts';
import { createOrder, getOrder, listOrders } from '../../services/orders/create.ts';
import { authedProcedure, router } from '../init.ts';

export const ordersRouter = router({
  create: authedProcedure
    .input(CreateOrderInput)
    .mutation(({ ctx, input }) => createOrder(ctx, input)),
  get: authedProcedure.input(OrderIdInput).query(({ ctx, input }) => getOrder(ctx, input.orderId)),
  list: authedProcedure
    .input(AccountIdInput)
    .query(({ ctx, input }) => listOrders(ctx, input.accountId)),
  checkout: authedProcedure
    .input(CheckoutOrderInput)
    .mutation(({ ctx, input }) => checkoutOrder(ctx, input)),
  refund: authedProcedure.input(OrderIdInput).mutation(({ ctx, input }) => refundOrder(ctx, input)),
});
