/**
 * Lists API keys to whoever may create them: an operator sees every key (or one account's),
 * an account's admin that account's keys. Newest first, at most 500; revoked keys only when
 * asked for.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { DomainError } from '../../../common/errors.ts';
import { fieldIssue } from '../../../common/issues.ts';
import { apiKeys } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { requireAccountWrite, soleAccount } from '../access.ts';
import { keyView, type KeyView } from './view.ts';

const MAX_LISTED = 500;

export async function listKeys(
  ctx: ServiceContext,
  input: { accountId?: string | undefined; includeRevoked?: boolean | undefined },
): Promise<KeyView[]> {
  const accountId =
    input.accountId ?? (ctx.actor.role === 'operator' ? null : soleAccount(ctx.actor));
  if (accountId === null && ctx.actor.role !== 'operator') {
    const issue = fieldIssue('accountId', 'REQUIRED');
    throw new DomainError('VALIDATION', `accountId: ${issue.message}`, [issue]);
  }
  if (accountId !== null) requireAccountWrite(ctx.actor, accountId);
  const rows = await ctx.database.db
    .select()
    .from(apiKeys)
    .where(
      and(
        accountId === null ? undefined : eq(apiKeys.accountId, accountId),
        input.includeRevoked ? undefined : isNull(apiKeys.revokedAtMs),
      ),
    )
    .orderBy(desc(apiKeys.createdAtMs), desc(apiKeys.id))
    .limit(MAX_LISTED);
  return rows.map((row) => keyView(row, ctx.actor));
}
