/** An endpoint's delivery log, newest first; cursor `<createdAtMs>:<id>` of the last seen. */
import { and, desc, eq, lt, or } from 'drizzle-orm';
import { webhookDeliveries } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { parseCursor } from '../notifications/list.ts';
import { managedEndpoint } from './access.ts';
import { deliveryView, type DeliveryView } from './view.ts';

export async function listDeliveries(
  ctx: ServiceContext,
  input: { endpointId: string; cursor?: string | undefined; limit: number },
): Promise<{ items: DeliveryView[]; nextCursor: string | null }> {
  const endpoint = await managedEndpoint(ctx, input.endpointId);
  const after = input.cursor ? parseCursor(input.cursor) : null;
  const t = webhookDeliveries;
  const rows = await ctx.database.db
    .select()
    .from(t)
    .where(
      and(
        eq(t.endpointId, endpoint.id),
        after
          ? or(
              lt(t.createdAtMs, after.atMs),
              and(eq(t.createdAtMs, after.atMs), lt(t.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(t.createdAtMs), desc(t.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(deliveryView),
    nextCursor: rows.length > input.limit && last ? `${last.createdAtMs}:${last.id}` : null,
  };
}
