import { fenToAmount } from '../../../common/money.ts';
import type { CardRow } from '../../writer/unit.ts';

export interface CardView {
  readonly cardId: string;
  readonly number: string;
  readonly accountId: string;
  readonly denomination: string;
  readonly balance: string;
  readonly status: 'active' | 'used_up' | 'expired';
  readonly validFromMs: number;
  readonly expiresAtMs: number;
  readonly purchasedAtMs: number;
  readonly source: 'cash_purchase' | 'partner';
  readonly partnerId: string | null;
}

export function cardView(row: CardRow): CardView {
  return {
    cardId: row.id,
    number: row.number,
    accountId: row.accountId,
    denomination: fenToAmount(row.denominationFen),
    balance: fenToAmount(row.balanceFen),
    status: row.status,
    validFromMs: row.validFromMs,
    expiresAtMs: row.expiresAtMs,
    purchasedAtMs: row.purchasedAtMs,
    source: row.source,
    partnerId: row.partnerId,
  };
}
