/**
 * An operator records an offline bank transfer received for an account, found by the
 * remittance reference the enterprise quoted. The bank serial number is the idempotency
 * key: the same transfer is never credited twice. Cash that arrives pays the overdue debt
 * first; only the rest becomes cash.
 */
import { amountToFen, fenToAmount } from '../../../common/money.ts';
import { bankTransfers } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { newId } from '../../ids.ts';
import { requireRole } from '../access.ts';
import { arrivalAmounts, receiveCash } from './arrival.ts';

export interface BankTransferView {
  readonly transferId: string;
  readonly accountId: string;
  readonly bankSerial: string;
  readonly reference: string;
  readonly amount: string;
  readonly overduePaid: string;
  readonly cashCredited: string;
  readonly cashAfter: string;
  readonly overdueAfter: string;
  readonly receivedAtMs: number;
  readonly replayed: boolean;
}

export async function recordBankTransfer(
  ctx: ServiceContext,
  input: {
    reference: string;
    bankSerial: string;
    amount: string;
    receivedAtMs?: number | undefined;
  },
): Promise<BankTransferView> {
  requireRole(ctx.actor, ['operator']);
  const accountId = await ctx.lookups.accountOfReference(input.reference);
  const amountFen = amountToFen(input.amount);
  const outcome = await ctx.writer.submit({
    accountId,
    idempotency: {
      key: `bank_transfer:${input.bankSerial}`,
      request: JSON.stringify([input.reference, amountFen]),
    },
    apply: (unit, account) => {
      const transferId = newId('bt');
      const split = receiveCash(unit, account, {
        amountFen,
        reason: 'bank_transfer',
        refType: 'bank_transfer',
        refId: transferId,
      });
      unit.emit('bank_transfer.recorded', account.id, {
        transferId,
        ...arrivalAmounts(amountFen, split, account),
      });
      const receivedAtMs = input.receivedAtMs ?? unit.nowMs;
      unit.insert(bankTransfers, {
        id: transferId,
        accountId,
        bankSerial: input.bankSerial,
        reference: input.reference,
        amountFen,
        ...split,
        recordedBy: ctx.actor.keyId,
        receivedAtMs,
        createdAtMs: unit.nowMs,
      });
      return {
        transferId,
        accountId,
        bankSerial: input.bankSerial,
        reference: input.reference,
        amount: fenToAmount(amountFen),
        overduePaid: fenToAmount(split.overduePaidFen),
        cashCredited: fenToAmount(split.cashCreditedFen),
        cashAfter: fenToAmount(account.cashFen),
        overdueAfter: fenToAmount(account.overdueFen),
        receivedAtMs,
      };
    },
  });
  return { ...outcome.result, replayed: outcome.replayed };
}
