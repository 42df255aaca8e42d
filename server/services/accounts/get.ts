/**
 * The account overview: balances by kind as usable right now, counts, and what expires
 * within 30 days. "Usable" follows the planner's own rule (`isUsable`), so the overview and
 * settlement never disagree about what can pay.
 */
import { fenToAmount, subFen, sumFen } from '../../../common/money.ts';
import {
  isUsable,
  type InstrumentKind,
  type InstrumentSnapshot,
} from '../../../common/settlement/plan.ts';
import { DAY_MS } from '../../../common/time.ts';
import type { ServiceContext } from '../../context.ts';
import { requireAccountRead } from '../access.ts';
import { loadWallet } from './wallet.ts';

export const EXPIRY_WARNING_DAYS = 30;

export interface UsableSummary {
  readonly usable: string;
  readonly count: number;
}

export interface ExpiringInstrument {
  readonly kind: InstrumentKind;
  readonly id: string;
  readonly number: string;
  readonly balance: string;
  readonly expiresAtMs: number;
}

export interface AccountOverview {
  readonly id: string;
  readonly name: string;
  readonly remittanceRef: string;
  readonly createdAtMs: number;
  readonly cash: string;
  readonly overdue: string;
  readonly overdueSinceMs: number | null;
  /** Cash less overdue: negative while the account is overdue. */
  readonly balance: string;
  readonly regularVouchers: UsableSummary;
  readonly discountVouchers: UsableSummary;
  readonly prepaidCards: UsableSummary;
  readonly workspaceCount: number;
  readonly expiringSoon: readonly ExpiringInstrument[];
}

export async function getAccount(ctx: ServiceContext, accountId: string): Promise<AccountOverview> {
  requireAccountRead(ctx.actor, accountId);
  const wallet = await loadWallet(ctx.database.db, accountId);
  const nowMs = ctx.clock.nowMs();
  const usable = wallet.instruments.filter((instrument) => isUsable(instrument, nowMs));
  const { account } = wallet;
  return {
    id: account.id,
    name: account.name,
    remittanceRef: account.remittanceRef,
    createdAtMs: account.createdAtMs,
    cash: fenToAmount(account.cashFen),
    overdue: fenToAmount(account.overdueFen),
    overdueSinceMs: account.overdueSinceMs,
    balance: fenToAmount(subFen(account.cashFen, account.overdueFen)),
    regularVouchers: summarize(usable, 'regular_voucher'),
    discountVouchers: summarize(usable, 'discount_voucher'),
    prepaidCards: summarize(usable, 'prepaid_card'),
    workspaceCount: wallet.workspaces.length,
    expiringSoon: usable
      .filter((instrument) => instrument.expiresAtMs <= nowMs + EXPIRY_WARNING_DAYS * DAY_MS)
      .sort((a, b) => a.expiresAtMs - b.expiresAtMs)
      .map((instrument) => ({
        kind: instrument.kind,
        id: instrument.id,
        number: instrument.number,
        balance: fenToAmount(instrument.balanceFen),
        expiresAtMs: instrument.expiresAtMs,
      })),
  };
}

function summarize(usable: readonly InstrumentSnapshot[], kind: InstrumentKind): UsableSummary {
  const ofKind = usable.filter((instrument) => instrument.kind === kind);
  return {
    usable: fenToAmount(sumFen(ofKind.map((instrument) => instrument.balanceFen))),
    count: ofKind.length,
  };
}
