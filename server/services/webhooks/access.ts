/**
 * Who may manage webhooks: an account's endpoints, its admins and operators; global
 * endpoints (no account; they receive every account's events), operators only. Viewers see
 * none: an endpoint's URL and delivery log are an integration's internals. An endpoint the
 * caller may not manage is "not found", so ids reveal nothing.
 */
import { eq } from 'drizzle-orm';
import { DomainError } from '../../../common/errors.ts';
import { webhookEndpoints } from '../../../db/schema/index.ts';
import type { Actor } from '../../auth/keys.ts';
import type { ServiceContext } from '../../context.ts';
import { requireAccountWrite, requireRole } from '../access.ts';
import type { EndpointRow } from './view.ts';

export function requireWebhookScope(actor: Actor, accountId: string | null): void {
  if (accountId === null) requireRole(actor, ['operator']);
  else requireAccountWrite(actor, accountId);
}

export async function managedEndpoint(
  ctx: ServiceContext,
  endpointId: string,
): Promise<EndpointRow> {
  const row = await ctx.database.db.query.webhookEndpoints.findFirst({
    where: eq(webhookEndpoints.id, endpointId),
  });
  if (!row || !mayManage(ctx.actor, row.accountId)) {
    throw new DomainError('WEBHOOK_NOT_FOUND', `no webhook endpoint ${endpointId}`, [], {
      endpointId,
    });
  }
  return row;
}

function mayManage(actor: Actor, accountId: string | null): boolean {
  if (actor.role === 'operator') return true;
  return accountId !== null && actor.accountRoles[accountId] === 'admin';
}
