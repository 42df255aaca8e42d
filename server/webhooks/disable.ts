/**
 * An endpoint whose delivery kept failing for the whole retry period is disabled, and its
 * account's admins are told: a `webhook.endpoint_disabled` event (to the account's other
 * endpoints and the global ones) and an in-app notification, in the same commit as the
 * endpoint's change. A global endpoint has no account to notify; its event goes to the other
 * global endpoints.
 */
import { and, eq } from 'drizzle-orm';
import type { EventPayloads } from '../../common/events.ts';
import { events, webhookEndpoints } from '../../db/schema/index.ts';
import { notify } from '../alerts/fire.ts';
import type { WalletDeps } from '../context.ts';
import { newId } from '../ids.ts';

type EndpointRow = typeof webhookEndpoints.$inferSelect;

export const DISABLED_REASON = 'failing';

export async function disableEndpoint(
  deps: WalletDeps,
  endpoint: EndpointRow,
  failures: number,
): Promise<void> {
  const db = deps.database.db;
  const data: EventPayloads['webhook.endpoint_disabled'] = {
    endpointId: endpoint.id,
    url: endpoint.url,
    failures,
  };
  const accountId = endpoint.accountId;
  if (accountId === null) {
    await db.batch([
      db
        .update(webhookEndpoints)
        .set({ enabled: false, disabledReason: DISABLED_REASON })
        .where(and(eq(webhookEndpoints.id, endpoint.id), eq(webhookEndpoints.enabled, true))),
      db.insert(events).values({
        id: newId('evt'),
        type: 'webhook.endpoint_disabled',
        accountId: null,
        data: JSON.stringify(data),
        createdAtMs: deps.clock.nowMs(),
      }),
    ]);
    return;
  }
  await deps.writer.submit({
    accountId,
    apply: (unit, account) => {
      unit.update({ kind: 'endpointDisabled', id: endpoint.id, disabledReason: DISABLED_REASON });
      const eventId = unit.emit('webhook.endpoint_disabled', accountId, data);
      notify(unit, account, 'webhook.endpoint_disabled', eventId, data);
      return null;
    },
  });
}
