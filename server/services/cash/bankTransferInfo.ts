/** What the top-up page shows for an offline bank transfer: the payee and the reference. */
import { eq } from 'drizzle-orm';
import { accounts } from '../../../db/schema/index.ts';
import type { PayeeBank } from '../../config.ts';
import type { ServiceContext } from '../../context.ts';
import { accountNotFound, requireAccountRead } from '../access.ts';

export interface BankTransferInfo extends PayeeBank {
  readonly accountId: string;
  /** Quote it in the transfer's remark so the operator can match the payment. */
  readonly reference: string;
  readonly note: string;
}

export async function bankTransferInfo(
  ctx: ServiceContext,
  accountId: string,
): Promise<BankTransferInfo> {
  requireAccountRead(ctx.actor, accountId);
  const row = await ctx.database.db.query.accounts.findFirst({
    where: eq(accounts.id, accountId),
    columns: { remittanceRef: true },
  });
  if (!row) throw accountNotFound(accountId);
  return {
    ...ctx.config.payeeBank,
    accountId,
    reference: row.remittanceRef,
    note:
      'Write the reference in the transfer remark. Cash is credited once the billing center ' +
      'records the transfer; any overdue balance is paid off first.',
  };
}
