/** An account named by an operator must exist before endpoints hang off it. */
import { eq } from 'drizzle-orm';
import { accounts } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { accountNotFound } from '../access.ts';

export async function requireAccountReadable(
  ctx: ServiceContext,
  accountId: string,
): Promise<void> {
  const row = await ctx.database.db.query.accounts.findFirst({
    where: eq(accounts.id, accountId),
    columns: { id: true },
  });
  if (!row) throw accountNotFound(accountId);
}
