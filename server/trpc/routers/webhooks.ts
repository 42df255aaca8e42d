import {
  CreateWebhookInput,
  DeliveryIdInput,
  EndpointIdInput,
  ListDeliveriesInput,
  ListWebhooksInput,
  RotateSecretInput,
  UpdateWebhookInput,
} from '../../../common/webhooks.ts';
import { createWebhook } from '../../services/webhooks/create.ts';
import { listDeliveries } from '../../services/webhooks/deliveries.ts';
import { listWebhooks } from '../../services/webhooks/list.ts';
import { redeliver } from '../../services/webhooks/redeliver.ts';
import { removeWebhook } from '../../services/webhooks/remove.ts';
import { rotateSecret } from '../../services/webhooks/rotateSecret.ts';
import { testSend } from '../../services/webhooks/testSend.ts';
import { updateWebhook } from '../../services/webhooks/update.ts';
import { authedProcedure, router } from '../init.ts';

export const webhooksRouter = router({
  list: authedProcedure
    .input(ListWebhooksInput)
    .query(({ ctx, input }) => listWebhooks(ctx, input.accountId)),
  create: authedProcedure
    .input(CreateWebhookInput)
    .mutation(({ ctx, input }) => createWebhook(ctx, input)),
  update: authedProcedure
    .input(UpdateWebhookInput)
    .mutation(({ ctx, input }) => updateWebhook(ctx, input)),
  remove: authedProcedure
    .input(EndpointIdInput)
    .mutation(({ ctx, input }) => removeWebhook(ctx, input.endpointId)),
  rotateSecret: authedProcedure
    .input(RotateSecretInput)
    .mutation(({ ctx, input }) => rotateSecret(ctx, input)),
  deliveries: authedProcedure
    .input(ListDeliveriesInput)
    .query(({ ctx, input }) => listDeliveries(ctx, input)),
  redeliver: authedProcedure
    .input(DeliveryIdInput)
    .mutation(({ ctx, input }) => redeliver(ctx, input.deliveryId)),
  testSend: authedProcedure
    .input(EndpointIdInput)
    .mutation(({ ctx, input }) => testSend(ctx, input.endpointId)),
});
