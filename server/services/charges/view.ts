/** The wire shape of a settled charge, built from a fresh settlement or from stored rows. */
import { fenToAmount } from '../../../common/money.ts';
import type {
  ChargeCategory,
  CloudProvider,
  SettlementMethod,
} from '../../../common/settlement/order.ts';
import type { PartSource } from '../../../common/settlement/plan.ts';
import type { chargeParts, charges } from '../../../db/schema/index.ts';

export interface ChargePartView {
  readonly source: PartSource;
  readonly instrumentId: string | null;
  readonly instrumentNumber: string | null;
  readonly amount: string;
  /** The paying voucher's, card's or cash balance after this part; for overdue, the debt. */
  readonly balanceAfter: string | null;
}

export interface ChargeView {
  readonly chargeId: string;
  readonly accountId: string;
  readonly workspaceId: string;
  readonly category: ChargeCategory;
  readonly amount: string;
  readonly periodStartMs: number;
  readonly periodEndMs: number;
  readonly description: string;
  readonly settlementMethod: SettlementMethod;
  readonly cloudProvider: CloudProvider | null;
  readonly cloudAccountId: string | null;
  /** Paid by vouchers, cards and cash. */
  readonly paid: string;
  /** Added to the account's overdue balance. */
  readonly overdue: string;
  /** Billed to the linked cloud marketplace account. */
  readonly cloud: string;
  readonly settledAtMs: number;
  readonly parts: readonly ChargePartView[];
}

export type ChargeRow = typeof charges.$inferSelect;
export type ChargePartRow = typeof chargeParts.$inferSelect;

export function chargeView(row: ChargeRow, parts: readonly ChargePartRow[]): ChargeView {
  return {
    chargeId: row.id,
    accountId: row.accountId,
    workspaceId: row.workspaceId,
    category: row.category,
    amount: fenToAmount(row.amountFen),
    periodStartMs: row.periodStartMs,
    periodEndMs: row.periodEndMs,
    description: row.description,
    settlementMethod: row.settlementMethod,
    cloudProvider: row.cloudProvider,
    cloudAccountId: row.cloudAccountId,
    paid: fenToAmount(row.paidFen),
    overdue: fenToAmount(row.overdueFen),
    cloud: fenToAmount(row.cloudFen),
    settledAtMs: row.settledAtMs,
    parts: [...parts]
      .sort((a, b) => a.position - b.position)
      .map((part) => ({
        source: part.source,
        instrumentId: part.instrumentId,
        instrumentNumber: part.instrumentNumber,
        amount: fenToAmount(part.amountFen),
        balanceAfter: part.balanceFenAfter === null ? null : fenToAmount(part.balanceFenAfter),
      })),
  };
}
