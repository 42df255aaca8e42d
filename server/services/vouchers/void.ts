/**
 * An operator voids an issued voucher: it stops paying and its remaining balance is
 * forfeited by a ledger entry (reason `void`). Voiding a voucher twice returns the first
 * result; a voucher that is used up or expired cannot be voided.
 */
import { eq } from 'drizzle-orm';
import { DomainError } from '../../../common/errors.ts';
import { fenToAmount, negateFen } from '../../../common/money.ts';
import { vouchers } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { requireRole } from '../access.ts';

export interface VoidedVoucher {
  readonly voucherId: string;
  readonly number: string;
  readonly forfeited: string;
  readonly replayed: boolean;
}

export async function voidVoucher(
  ctx: ServiceContext,
  input: { voucherId: string },
): Promise<VoidedVoucher> {
  requireRole(ctx.actor, ['operator']);
  const row = await ctx.database.db.query.vouchers.findFirst({
    where: eq(vouchers.id, input.voucherId),
  });
  if (!row) {
    throw new DomainError('VOUCHER_NOT_FOUND', `no voucher ${input.voucherId}`, [], {
      voucherId: input.voucherId,
    });
  }
  const outcome = await ctx.writer.submit({
    accountId: row.accountId,
    idempotency: { key: `voucher_void:${row.id}`, request: '[]' },
    apply: (unit, account) => {
      const voucher = account.instrument(row.id);
      if (!voucher || voucher.status !== 'active') {
        throw new DomainError('NOT_VOIDABLE', `voucher ${row.number} is ${row.status}`, [], {
          voucherNumber: row.number,
          status: row.status,
        });
      }
      const forfeitedFen = account.forfeit(row.id, 'voided');
      unit.ledger({
        accountId: account.id,
        instrument: voucher.kind,
        instrumentId: row.id,
        amountFen: negateFen(forfeitedFen),
        balanceFenAfter: 0,
        reason: 'void',
        refType: 'voucher',
        refId: row.id,
      });
      return { voucherId: row.id, number: row.number, forfeited: fenToAmount(forfeitedFen) };
    },
  });
  return { ...outcome.result, replayed: outcome.replayed };
}
