import { fenToAmount } from '../../../common/money.ts';
import type { prepaidOrders } from '../../../db/schema/index.ts';

export type OrderRow = typeof prepaidOrders.$inferSelect;

export interface OrderView {
  readonly orderId: string;
  readonly accountId: string;
  readonly product: string;
  readonly amount: string;
  readonly status: OrderRow['status'];
  readonly cardsPaid: string;
  readonly cashPaid: string;
  readonly refunded: string;
  readonly createdAtMs: number;
  readonly paidAtMs: number | null;
  readonly refundedAtMs: number | null;
}

export function orderView(row: OrderRow): OrderView {
  return {
    orderId: row.id,
    accountId: row.accountId,
    product: row.product,
    amount: fenToAmount(row.amountFen),
    status: row.status,
    cardsPaid: fenToAmount(row.cardsPaidFen),
    cashPaid: fenToAmount(row.cashPaidFen),
    refunded: fenToAmount(row.refundedFen),
    createdAtMs: row.createdAtMs,
    paidAtMs: row.paidAtMs,
    refundedAtMs: row.refundedAtMs,
  };
}
