/** The endpoints of an account, or (no account, operators only) the global ones. */
import { asc, eq, isNull } from 'drizzle-orm';
import { webhookEndpoints } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { requireWebhookScope } from './access.ts';
import { webhookView, type WebhookView } from './view.ts';

export async function listWebhooks(
  ctx: ServiceContext,
  accountId: string | undefined,
): Promise<{ items: WebhookView[] }> {
  requireWebhookScope(ctx.actor, accountId ?? null);
  const rows = await ctx.database.db
    .select()
    .from(webhookEndpoints)
    .where(
      accountId === undefined
        ? isNull(webhookEndpoints.accountId)
        : eq(webhookEndpoints.accountId, accountId),
    )
    .orderBy(asc(webhookEndpoints.createdAtMs), asc(webhookEndpoints.id));
  const nowMs = ctx.clock.nowMs();
  return { items: rows.map((row) => webhookView(row, nowMs)) };
}
