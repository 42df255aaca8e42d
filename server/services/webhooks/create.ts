/**
 * Adds an endpoint with a new signing secret, returned this once (only a hint is kept in
 * view). At most MAX_ENDPOINTS per account, and as many global ones.
 */
import { count, eq, isNull } from 'drizzle-orm';
import { DomainError } from '../../../common/errors.ts';
import type { EventType } from '../../../common/events.ts';
import { webhookEndpoints } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { newId } from '../../ids.ts';
import { newSecret, seal, secretHint } from '../../webhooks/secrets.ts';
import { requireAccountReadable } from './exists.ts';
import { requireWebhookScope } from './access.ts';
import { checkWebhookUrl } from './url.ts';
import { webhookView, type WebhookView } from './view.ts';

export const MAX_ENDPOINTS = 20;

export async function createWebhook(
  ctx: ServiceContext,
  input: {
    accountId?: string | undefined;
    url: string;
    description: string;
    eventTypes: readonly EventType[];
    includeCharges: boolean;
  },
): Promise<{ endpoint: WebhookView; secret: string }> {
  const accountId = input.accountId ?? null;
  requireWebhookScope(ctx.actor, accountId);
  const url = checkWebhookUrl(input.url, ctx.config.webhooks.allowLoopbackHttp);
  if (accountId !== null) await requireAccountReadable(ctx, accountId);
  const db = ctx.database.db;
  const [existing] = await db
    .select({ count: count() })
    .from(webhookEndpoints)
    .where(
      accountId === null
        ? isNull(webhookEndpoints.accountId)
        : eq(webhookEndpoints.accountId, accountId),
    );
  if ((existing?.count ?? 0) >= MAX_ENDPOINTS) {
    throw new DomainError('WEBHOOK_LIMIT', `at most ${MAX_ENDPOINTS} endpoints`, [], {
      max: MAX_ENDPOINTS,
    });
  }
  const secret = newSecret();
  const [row] = await db
    .insert(webhookEndpoints)
    .values({
      id: newId('whe'),
      accountId,
      url,
      description: input.description,
      eventTypes: JSON.stringify([...new Set(input.eventTypes)]),
      includeCharges: input.includeCharges,
      enabled: true,
      secretSealed: await seal(ctx, secret),
      secretHint: secretHint(secret),
      createdAtMs: ctx.clock.nowMs(),
    })
    .returning();
  if (!row) throw new Error('endpoint not stored');
  return { endpoint: webhookView(row, ctx.clock.nowMs()), secret };
}
