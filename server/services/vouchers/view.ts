import { fenToAmount } from '../../../common/money.ts';
import type { VoucherRow } from '../../writer/unit.ts';

export interface VoucherView {
  readonly voucherId: string;
  readonly number: string;
  readonly accountId: string;
  readonly type: 'regular' | 'discount';
  readonly denomination: string;
  readonly balance: string;
  readonly status: 'active' | 'used_up' | 'expired' | 'voided';
  readonly activatedAtMs: number;
  readonly validFromMs: number;
  readonly expiresAtMs: number;
}

export function voucherView(row: VoucherRow): VoucherView {
  return {
    voucherId: row.id,
    number: row.number,
    accountId: row.accountId,
    type: row.type,
    denomination: fenToAmount(row.denominationFen),
    balance: fenToAmount(row.balanceFen),
    status: row.status,
    activatedAtMs: row.activatedAtMs,
    validFromMs: row.validFromMs,
    expiresAtMs: row.expiresAtMs,
  };
}
