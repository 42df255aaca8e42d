/**
 * Cash arriving at an account — a bank transfer, a top-up, an order refund — inside a write
 * group. It pays the overdue debt first (ledger reason `overdue_payoff`); only the rest is
 * credited to cash, under the arrival's own reason. Every way cash arrives goes through here,
 * so "cash > 0 implies overdue = 0" holds by construction.
 */
import type { LedgerReason } from '../../../common/schemas.ts';
import type { LedgerRefType } from '../../../common/words.ts';
import { fenToAmount, negateFen } from '../../../common/money.ts';
import type { AccountState, Unit } from '../../writer/unit.ts';

export interface Arrival {
  readonly amountFen: number;
  /** Ledger reason of the cash credit: bank_transfer, top_up, order_refund. */
  readonly reason: LedgerReason;
  readonly refType: LedgerRefType;
  readonly refId: string;
}

export function receiveCash(
  unit: Unit,
  account: AccountState,
  arrival: Arrival,
): { overduePaidFen: number; cashCreditedFen: number } {
  const split = account.receiveCash(arrival.amountFen);
  const ref = { accountId: account.id, refType: arrival.refType, refId: arrival.refId };
  if (split.overduePaidFen > 0) {
    unit.ledger({
      ...ref,
      instrument: 'overdue',
      amountFen: negateFen(split.overduePaidFen),
      balanceFenAfter: account.overdueFen,
      reason: 'overdue_payoff',
    });
  }
  if (split.cashCreditedFen > 0) {
    unit.ledger({
      ...ref,
      instrument: 'cash',
      amountFen: split.cashCreditedFen,
      balanceFenAfter: account.cashFen,
      reason: arrival.reason,
    });
  }
  return split;
}

/** The amounts of an arrival as its event carries them. */
export function arrivalAmounts(
  amountFen: number,
  split: { overduePaidFen: number; cashCreditedFen: number },
  account: AccountState,
): { amount: string; overduePaid: string; cashCredited: string; cash: string } {
  return {
    amount: fenToAmount(amountFen),
    overduePaid: fenToAmount(split.overduePaidFen),
    cashCredited: fenToAmount(split.cashCreditedFen),
    cash: fenToAmount(account.cashFen),
  };
}
