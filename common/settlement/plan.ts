/**
 * The settlement planner: a pure function from a charge and the wallet's state to the parts
 * that pay it. The server applies a plan atomically; the client calls the same function only
 * to preview. No I/O, no clock: `nowMs` is an argument.
 *
 * Invariants of every plan:
 * - the parts add up to the charge exactly (remainder included);
 * - no instrument pays more than its balance, and only instruments valid at `nowMs` pay;
 * - kinds pay in the order of DEDUCTION_ORDER; within a kind the instrument that expires
 *   first pays first, ties by activation time, then by number.
 */
import { minFen, subFen, sumFen } from '../money.ts';
import {
  deductionRule,
  type ChargeCategory,
  type PayingKind,
  type RemainderSink,
  type SettlementMethod,
} from './order.ts';

export type InstrumentKind = Exclude<PayingKind, 'cash'>;
export type InstrumentStatus = 'active' | 'used_up' | 'expired' | 'voided';

/** A voucher or prepaid card as the planner sees it. */
export interface InstrumentSnapshot {
  readonly id: string;
  readonly number: string;
  readonly kind: InstrumentKind;
  readonly status: InstrumentStatus;
  readonly balanceFen: number;
  readonly validFromMs: number;
  /** Exclusive: at `expiresAtMs` the instrument no longer pays. */
  readonly expiresAtMs: number;
  readonly activatedAtMs: number;
}

export interface SettlementInput {
  readonly amountFen: number;
  readonly category: ChargeCategory;
  readonly method: SettlementMethod;
  readonly instruments: readonly InstrumentSnapshot[];
  readonly cashFen: number;
  readonly nowMs: number;
}

export type PartSource = PayingKind | RemainderSink;

export interface PlannedPart {
  readonly source: PartSource;
  /** The voucher or card that pays; null for cash and for the remainder. */
  readonly instrumentId: string | null;
  readonly instrumentNumber: string | null;
  readonly amountFen: number;
  /** The paying instrument's balance after this part; null for the remainder. */
  readonly balanceFenAfter: number | null;
}

export interface SettlementPlan {
  readonly amountFen: number;
  readonly parts: readonly PlannedPart[];
  /** What instruments (cash included) pay. */
  readonly paidFen: number;
  /** What goes to overdue or to the cloud account; zero when the wallet covers it all. */
  readonly remainderFen: number;
  readonly remainderSink: RemainderSink;
}

export function isUsable(instrument: InstrumentSnapshot, nowMs: number): boolean {
  return (
    instrument.status === 'active' &&
    instrument.balanceFen > 0 &&
    instrument.validFromMs <= nowMs &&
    nowMs < instrument.expiresAtMs
  );
}

/** Earliest expiry first, then earliest activation, then number. */
export function compareForDeduction(a: InstrumentSnapshot, b: InstrumentSnapshot): number {
  if (a.expiresAtMs !== b.expiresAtMs) return a.expiresAtMs < b.expiresAtMs ? -1 : 1;
  if (a.activatedAtMs !== b.activatedAtMs) return a.activatedAtMs < b.activatedAtMs ? -1 : 1;
  return a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
}

export function planSettlement(input: SettlementInput): SettlementPlan {
  const rule = deductionRule(input.method, input.category);
  const parts: PlannedPart[] = [];
  let dueFen = input.amountFen;
  for (const kind of rule.payWith) {
    if (dueFen === 0) break;
    const payers = kind === 'cash' ? [cashPayer(input.cashFen)] : payersOf(kind, input);
    for (const payer of payers) {
      if (dueFen === 0) break;
      const amountFen = minFen(dueFen, payer.balanceFen);
      if (amountFen <= 0) continue;
      dueFen = subFen(dueFen, amountFen);
      parts.push({
        source: kind,
        instrumentId: payer.id,
        instrumentNumber: payer.number,
        amountFen,
        balanceFenAfter: subFen(payer.balanceFen, amountFen),
      });
    }
  }
  if (dueFen > 0) {
    parts.push({
      source: rule.remainder,
      instrumentId: null,
      instrumentNumber: null,
      amountFen: dueFen,
      balanceFenAfter: null,
    });
  }
  const paidFen = subFen(input.amountFen, dueFen);
  return {
    amountFen: input.amountFen,
    parts,
    paidFen,
    remainderFen: dueFen,
    remainderSink: rule.remainder,
  };
}

/** Adds the plan's parts back up; equal to the charge for every plan the planner makes. */
export function planTotalFen(plan: SettlementPlan): number {
  return sumFen(plan.parts.map((part) => part.amountFen));
}

interface Payer {
  readonly id: string | null;
  readonly number: string | null;
  readonly balanceFen: number;
}

function cashPayer(cashFen: number): Payer {
  return { id: null, number: null, balanceFen: cashFen };
}

function payersOf(kind: InstrumentKind, input: SettlementInput): Payer[] {
  return input.instruments
    .filter((instrument) => instrument.kind === kind && isUsable(instrument, input.nowMs))
    .sort(compareForDeduction);
}
