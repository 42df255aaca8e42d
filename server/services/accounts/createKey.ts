/** Issues API keys: account-scoped (admin, viewer) and service keys (operator only). */
import { eq } from 'drizzle-orm';
import { DomainError } from '../../../common/errors.ts';
import { accounts, apiKeys, type ApiKeyRole } from '../../../db/schema/index.ts';
import { issueKey, type IssuedKey } from '../../auth/keys.ts';
import type { ServiceContext } from '../../context.ts';
import { requireAccountWrite, requireRole } from '../access.ts';

export interface CreatedKey extends IssuedKey {
  readonly role: ApiKeyRole;
  readonly accountId: string | null;
  readonly label: string;
}

export async function createAccountKey(
  ctx: ServiceContext,
  input: { accountId: string; role: 'admin' | 'viewer'; label: string },
): Promise<CreatedKey> {
  requireAccountWrite(ctx.actor, input.accountId);
  const exists = await ctx.database.db.query.accounts.findFirst({
    where: eq(accounts.id, input.accountId),
    columns: { id: true },
  });
  if (!exists) {
    throw new DomainError('ACCOUNT_NOT_FOUND', `no account ${input.accountId}`, [], {
      accountId: input.accountId,
    });
  }
  return storeKey(ctx, input.role, input.accountId, input.label);
}

export async function createServiceKey(
  ctx: ServiceContext,
  input: { role: 'operator' | 'partner' | 'metering'; label: string },
): Promise<CreatedKey> {
  requireRole(ctx.actor, ['operator']);
  return storeKey(ctx, input.role, null, input.label);
}

async function storeKey(
  ctx: ServiceContext,
  role: ApiKeyRole,
  accountId: string | null,
  label: string,
): Promise<CreatedKey> {
  const { row, issued } = await issueKey(role, accountId, label, ctx.clock.nowMs());
  await ctx.database.db.insert(apiKeys).values(row);
  return { ...issued, role, accountId, label };
}
