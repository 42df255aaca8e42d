/**
 * A new signing secret for an endpoint, returned this once. For `overlapHours` (default 24,
 * 0 for none) the old secret signs too: each delivery carries both signatures in
 * `webhook-signature`, so a receiver can switch to the new secret at any time in between.
 */
import { eq } from 'drizzle-orm';
import { webhookEndpoints } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { newSecret, seal, secretHint } from '../../webhooks/secrets.ts';
import { managedEndpoint } from './access.ts';

export async function rotateSecret(
  ctx: ServiceContext,
  input: { endpointId: string; overlapHours: number },
): Promise<{ secret: string; previousValidUntilMs: number | null }> {
  const endpoint = await managedEndpoint(ctx, input.endpointId);
  const secret = newSecret();
  const previousValidUntilMs =
    input.overlapHours > 0 ? ctx.clock.nowMs() + input.overlapHours * 3600_000 : null;
  await ctx.database.db
    .update(webhookEndpoints)
    .set({
      secretSealed: await seal(ctx, secret),
      secretHint: secretHint(secret),
      previousSecretSealed: previousValidUntilMs === null ? null : endpoint.secretSealed,
      previousValidUntilMs,
    })
    .where(eq(webhookEndpoints.id, endpoint.id));
  return { secret, previousValidUntilMs };
}
