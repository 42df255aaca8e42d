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
import { addFen, minFen, subFen, sumFen } from '../money.ts';
import {
  deductionRule,
  type DeductionRule,
  type OrderSink,
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

export interface SettlementInput extends Funds {
  readonly category: ChargeCategory;
  readonly method: SettlementMethod;
}

export type PartSource = PayingKind | RemainderSink;

/** A voucher or card pays: which one, and the balance it keeps. */
export interface InstrumentPart {
  readonly source: InstrumentKind;
  readonly instrumentId: string;
  readonly instrumentNumber: string;
  readonly amountFen: number;
  readonly balanceFenAfter: number;
}

/** Cash pays: the cash left. */
export interface CashPart {
  readonly source: 'cash';
  readonly instrumentId: null;
  readonly instrumentNumber: null;
  readonly amountFen: number;
  readonly balanceFenAfter: number;
}

/** What nothing in the wallet covers, and where it goes. */
export interface RemainderPart<Sink extends string = RemainderSink> {
  readonly source: Sink;
  readonly instrumentId: null;
  readonly instrumentNumber: null;
  readonly amountFen: number;
  readonly balanceFenAfter: null;
}

export type PlannedPart<Sink extends string = RemainderSink> =
  InstrumentPart | CashPart | RemainderPart<Sink>;

export interface PaymentPlan<Sink extends string> {
  readonly amountFen: number;
  readonly parts: readonly PlannedPart<Sink>[];
  /** What instruments (cash included) pay. */
  readonly paidFen: number;
  /** What goes to the sink; zero when the wallet covers it all. */
  readonly remainderFen: number;
  readonly remainderSink: Sink;
}

/** A charge's plan: what the wallet cannot cover goes to overdue or to the cloud account. */
export type SettlementPlan = PaymentPlan<RemainderSink>;

/** What a payment may draw on, at `nowMs`. */
export interface Funds {
  readonly amountFen: number;
  readonly instruments: readonly InstrumentSnapshot[];
  readonly cashFen: number;
  readonly nowMs: number;
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
  return planPayment(deductionRule(input.method, input.category), input);
}

/** Walks one row of the deduction table (order.ts) over the wallet's funds. */
export function planPayment<Sink extends RemainderSink | OrderSink>(
  rule: DeductionRule<Sink>,
  funds: Funds,
): PaymentPlan<Sink> {
  const parts: PlannedPart<Sink>[] = [];
  let dueFen = funds.amountFen;
  for (const kind of rule.payWith) {
    if (dueFen === 0) break;
    if (kind === 'cash') {
      const amountFen = minFen(dueFen, funds.cashFen);
      if (amountFen <= 0) continue;
      dueFen = subFen(dueFen, amountFen);
      parts.push({
        source: 'cash',
        instrumentId: null,
        instrumentNumber: null,
        amountFen,
        balanceFenAfter: subFen(funds.cashFen, amountFen),
      });
      continue;
    }
    for (const payer of payersOf(kind, funds)) {
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
  return {
    amountFen: funds.amountFen,
    parts,
    paidFen: subFen(funds.amountFen, dueFen),
    remainderFen: dueFen,
    remainderSink: rule.remainder,
  };
}

/** Adds the plan's parts back up; equal to the charge for every plan the planner makes. */
export function planTotalFen(plan: SettlementPlan): number {
  return sumFen(plan.parts.map((part) => part.amountFen));
}

function payersOf(kind: InstrumentKind, funds: Funds): InstrumentSnapshot[] {
  return funds.instruments
    .filter((instrument) => instrument.kind === kind && isUsable(instrument, funds.nowMs))
    .sort(compareForDeduction);
}

/**
 * A charge's part as the books record it — on the charge, in the ledger, in a preview: the
 * cloud part names the cloud account it is billed to, the overdue part carries the debt after
 * it. Settle and preview both describe parts with this, so a preview reads as the settlement
 * will.
 */
export interface PartRecord {
  readonly source: PartSource;
  readonly instrumentId: string | null;
  readonly instrumentNumber: string | null;
  readonly amountFen: number;
  readonly balanceFenAfter: number | null;
}

/** What the plan alone does not know: the debt before the charge, the workspace's cloud account. */
export interface PartContext {
  readonly overdueFen: number;
  readonly cloudAccountRef: string;
}

export function recordOfPart(part: PlannedPart, context: PartContext): PartRecord {
  switch (part.source) {
    case 'overdue':
      return { ...part, balanceFenAfter: addFen(context.overdueFen, part.amountFen) };
    case 'cloud_account':
      return { ...part, instrumentId: context.cloudAccountRef };
    default:
      return part;
  }
}

/** How a workspace's cloud account is named on a charge part: "provider:account". */
export function cloudAccountRef(workspace: {
  readonly cloudProvider: string | null;
  readonly cloudAccountId: string | null;
}): string {
  return `${workspace.cloudProvider}:${workspace.cloudAccountId}`;
}
