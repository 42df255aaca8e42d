/**
 * Puts a new voucher or card into an account inside a write group: the row, the in-memory
 * state (so later commands of the group can spend it), and the ledger entry that credits
 * its denomination. Every way an instrument comes to be goes through here.
 */
import type { LedgerReason } from '../../../common/schemas.ts';
import { fenToAmount } from '../../../common/money.ts';
import type { ValidityWindow } from '../../../common/validity.ts';
import { prepaidCards, vouchers } from '../../../db/schema/index.ts';
import { newCardNumber, newId, newVoucherNumber } from '../../ids.ts';
import type { AccountState, CardRow, Unit, VoucherRow } from '../../writer/unit.ts';

export interface NewVoucher {
  readonly type: VoucherRow['type'];
  readonly amountFen: number;
  readonly window: ValidityWindow;
  readonly source: VoucherRow['source'];
  readonly sourceRef: string;
  /** Ledger reason for the credit, e.g. voucher_issue, voucher_activation, purchase_tier. */
  readonly reason: LedgerReason;
}

export function creditNewVoucher(unit: Unit, account: AccountState, spec: NewVoucher): VoucherRow {
  const row: VoucherRow = {
    id: newId('vch'),
    number: newVoucherNumber(),
    accountId: account.id,
    type: spec.type,
    denominationFen: spec.amountFen,
    balanceFen: spec.amountFen,
    status: 'active',
    activatedAtMs: unit.nowMs,
    ...spec.window,
    source: spec.source,
    sourceRef: spec.sourceRef,
    forfeitedFen: 0,
    createdAtMs: unit.nowMs,
  };
  account.hold('vouchers', row);
  unit.insert(vouchers, row);
  unit.ledger({
    accountId: account.id,
    instrument: spec.type === 'regular' ? 'regular_voucher' : 'discount_voucher',
    instrumentId: row.id,
    amountFen: spec.amountFen,
    balanceFenAfter: spec.amountFen,
    reason: spec.reason,
    refType: 'voucher',
    refId: row.id,
  });
  unit.emit(
    spec.source === 'activation_code' ? 'voucher.activated' : 'voucher.issued',
    account.id,
    {
      voucherId: row.id,
      number: row.number,
      type: row.type,
      amount: fenToAmount(row.denominationFen),
      expiresAtMs: row.expiresAtMs,
      source: row.source,
    },
  );
  return row;
}

export interface NewCard {
  readonly amountFen: number;
  readonly window: ValidityWindow;
  readonly source: CardRow['source'];
  readonly partnerId: string | null;
  readonly sourceRef: string;
  readonly reason: LedgerReason;
}

export function creditNewCard(unit: Unit, account: AccountState, spec: NewCard): CardRow {
  const row: CardRow = {
    id: newId('card'),
    number: newCardNumber(),
    accountId: account.id,
    denominationFen: spec.amountFen,
    balanceFen: spec.amountFen,
    status: 'active',
    ...spec.window,
    purchasedAtMs: unit.nowMs,
    source: spec.source,
    partnerId: spec.partnerId,
    sourceRef: spec.sourceRef,
    forfeitedFen: 0,
    createdAtMs: unit.nowMs,
  };
  account.hold('prepaid_cards', row);
  unit.insert(prepaidCards, row);
  unit.ledger({
    accountId: account.id,
    instrument: 'prepaid_card',
    instrumentId: row.id,
    amountFen: spec.amountFen,
    balanceFenAfter: spec.amountFen,
    reason: spec.reason,
    refType: 'prepaid_card',
    refId: row.id,
  });
  unit.emit('card.purchased', account.id, {
    cardId: row.id,
    number: row.number,
    amount: fenToAmount(row.denominationFen),
    expiresAtMs: row.expiresAtMs,
    source: row.source,
    sourceRef: row.sourceRef,
  });
  return row;
}
