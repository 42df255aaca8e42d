/**
 * The deduction order of the spec, as data. One row per (settlement method, category) of a
 * charge, and one per way of paying a prepaid order: which instrument kinds pay, in order,
 * and where whatever they cannot cover goes. Nothing else in the code base decides the
 * order; the planner only walks this table.
 */

export const CHARGE_CATEGORIES = ['general', 'sms', 'dial_testing'] as const;
export type ChargeCategory = (typeof CHARGE_CATEGORIES)[number];

export const SETTLEMENT_METHODS = ['billing_center', 'cloud_account'] as const;
export type SettlementMethod = (typeof SETTLEMENT_METHODS)[number];

export const CLOUD_PROVIDERS = ['alibaba_cloud', 'aws', 'huawei_cloud'] as const;
export type CloudProvider = (typeof CLOUD_PROVIDERS)[number];

/** Instruments held in the wallet that can pay a charge. */
export type PayingKind = 'regular_voucher' | 'discount_voucher' | 'prepaid_card' | 'cash';

/** Where the part of a charge that no instrument covers goes. */
export type RemainderSink = 'overdue' | 'cloud_account';

/** What an order's payment cannot cover is not taken at all: the checkout is refused. */
export type OrderSink = 'refused';

export interface DeductionRule<Sink extends RemainderSink | OrderSink = RemainderSink> {
  readonly payWith: readonly PayingKind[];
  readonly remainder: Sink;
}

const VOUCHERS_CARDS = ['regular_voucher', 'discount_voucher', 'prepaid_card'] as const;

export const DEDUCTION_ORDER: Readonly<
  Record<SettlementMethod, Readonly<Record<ChargeCategory, DeductionRule>>>
> = {
  billing_center: {
    general: { payWith: [...VOUCHERS_CARDS, 'cash'], remainder: 'overdue' },
    sms: { payWith: ['prepaid_card', 'cash'], remainder: 'overdue' },
    dial_testing: { payWith: ['prepaid_card', 'cash'], remainder: 'overdue' },
  },
  cloud_account: {
    general: { payWith: [...VOUCHERS_CARDS], remainder: 'cloud_account' },
    sms: { payWith: ['prepaid_card'], remainder: 'cloud_account' },
    dial_testing: { payWith: ['prepaid_card'], remainder: 'cloud_account' },
  },
};

export function deductionRule(method: SettlementMethod, category: ChargeCategory): DeductionRule {
  return DEDUCTION_ORDER[method][category];
}

/**
 * A prepaid order: cards (earliest expiry first) when the admin lets them pay, then cash,
 * which must cover the rest — never vouchers, never overdue.
 */
export const ORDER_DEDUCTION: Readonly<
  Record<'cards_then_cash' | 'cash_only', DeductionRule<OrderSink>>
> = {
  cards_then_cash: { payWith: ['prepaid_card', 'cash'], remainder: 'refused' },
  cash_only: { payWith: ['cash'], remainder: 'refused' },
};

export function orderRule(useCards: boolean): DeductionRule<OrderSink> {
  return ORDER_DEDUCTION[useCards ? 'cards_then_cash' : 'cash_only'];
}
