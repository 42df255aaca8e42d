/**
 * Input schemas of the webhook and notification procedures (contract: docs/API.md,
 * "Webhooks", "Notifications"). Whether a URL may be used (https, or http to loopback outside
 * production) is the server's decision: it depends on the deployment, not on the input.
 */
import * as v from 'valibot';
import { EVENT_TYPES } from './events.ts';
import { ISSUE } from './issues.ts';
import { Text } from './text.ts';

const Id = v.pipe(Text(128), v.nonEmpty(ISSUE.REQUIRED));

/** Types an endpoint may subscribe to; `charge.settled` is chosen with `includeCharges`. */
export const SUBSCRIBABLE_EVENT_TYPES = EVENT_TYPES.filter(
  (type) => type !== 'charge.settled' && type !== 'webhook.test',
);

export const MAX_WEBHOOK_URL = 2000;

const Url = v.pipe(Text(MAX_WEBHOOK_URL), v.nonEmpty(ISSUE.REQUIRED));

const EventTypes = v.pipe(
  v.array(v.picklist(SUBSCRIBABLE_EVENT_TYPES, ISSUE.NOT_ONE_OF), ISSUE.WRONG_TYPE),
  v.maxLength(SUBSCRIBABLE_EVENT_TYPES.length, ISSUE.LIST_TOO_LONG),
);

const Cursor = v.pipe(Text(200), v.nonEmpty(ISSUE.REQUIRED));

const Limit = v.pipe(
  v.number(ISSUE.WRONG_TYPE),
  v.safeInteger(ISSUE.NOT_WHOLE_NUMBER),
  v.minValue(1, ISSUE.NUMBER_TOO_SMALL),
  v.maxValue(100, ISSUE.NUMBER_TOO_LARGE),
);

export const ListWebhooksInput = v.object({ accountId: v.optional(Id) });

export const CreateWebhookInput = v.object({
  accountId: v.optional(Id),
  url: Url,
  description: v.optional(Text(200), ''),
  eventTypes: EventTypes,
  includeCharges: v.optional(v.boolean(ISSUE.WRONG_TYPE), false),
});

export const UpdateWebhookInput = v.object({
  endpointId: Id,
  url: v.optional(Url),
  description: v.optional(Text(200)),
  eventTypes: v.optional(EventTypes),
  includeCharges: v.optional(v.boolean(ISSUE.WRONG_TYPE)),
  enabled: v.optional(v.boolean(ISSUE.WRONG_TYPE)),
});

export const EndpointIdInput = v.object({ endpointId: Id });

export const MAX_OVERLAP_HOURS = 7 * 24;

export const RotateSecretInput = v.object({
  endpointId: Id,
  overlapHours: v.optional(
    v.pipe(
      v.number(ISSUE.WRONG_TYPE),
      v.safeInteger(ISSUE.NOT_WHOLE_NUMBER),
      v.minValue(0, ISSUE.NUMBER_TOO_SMALL),
      v.maxValue(MAX_OVERLAP_HOURS, ISSUE.NUMBER_TOO_LARGE),
    ),
    24,
  ),
});

export const ListDeliveriesInput = v.object({
  endpointId: Id,
  cursor: v.optional(Cursor),
  limit: v.optional(Limit, 50),
});

export const DeliveryIdInput = v.object({ deliveryId: Id });

export const ListNotificationsInput = v.object({
  accountId: Id,
  cursor: v.optional(Cursor),
  limit: v.optional(Limit, 50),
});

export const NotificationsAccountInput = v.object({ accountId: Id });

export const MarkReadInput = v.object({
  accountId: Id,
  ids: v.optional(v.pipe(v.array(Id, ISSUE.WRONG_TYPE), v.maxLength(100, ISSUE.LIST_TOO_LONG))),
});
