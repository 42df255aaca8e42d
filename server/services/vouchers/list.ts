import { and, asc, eq } from 'drizzle-orm';
import { vouchers } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { requireReadableAccount } from '../access.ts';
import { voucherView, type VoucherView } from './view.ts';

/** An account's vouchers, soonest to expire first (the order they pay in). */
export async function listVouchers(
  ctx: ServiceContext,
  input: { accountId: string; status?: VoucherView['status'] | undefined },
): Promise<VoucherView[]> {
  await requireReadableAccount(ctx, input.accountId);
  const rows = await ctx.database.db
    .select()
    .from(vouchers)
    .where(
      and(
        eq(vouchers.accountId, input.accountId),
        input.status ? eq(vouchers.status, input.status) : undefined,
      ),
    )
    .orderBy(asc(vouchers.expiresAtMs), asc(vouchers.activatedAtMs), asc(vouchers.number));
  return rows.map(voucherView);
}
