/**
 * Names people read for the values the ledger and charges carry (reasons, instrument kinds,
 * what an entry refers to, charge categories), in Chinese and English. Declared once here:
 * the server writes them into CSV exports and the client's dictionaries are built from them,
 * so the statement on screen and the file a finance team opens say the same words.
 */
import type { ChargeCategory } from './settlement/order.ts';
import type { PartSource } from './settlement/plan.ts';
import type { LedgerInstrument, LedgerReason } from './schemas.ts';

export const LANGUAGES = ['zh', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** What a ledger entry's `refType` may be; every writer of the ledger uses one of these. */
export const LEDGER_REF_TYPES = [
  'bank_transfer',
  'card_order',
  'charge',
  'expiry',
  'order',
  'order_refund',
  'prepaid_card',
  'top_up',
  'voucher',
] as const;
export type LedgerRefType = (typeof LEDGER_REF_TYPES)[number];

export interface ValueWords {
  readonly instrument: Readonly<Record<LedgerInstrument, string>>;
  readonly reason: Readonly<Record<LedgerReason, string>>;
  readonly ref: Readonly<Record<LedgerRefType, string>>;
  readonly category: Readonly<Record<ChargeCategory, string>>;
  readonly source: Readonly<Record<PartSource, string>>;
}

export const VALUE_WORDS: Readonly<Record<Language, ValueWords>> = {
  en: {
    instrument: {
      cash: 'Cash',
      overdue: 'Overdue',
      regular_voucher: 'Voucher',
      discount_voucher: 'Discount voucher',
      prepaid_card: 'Prepaid card',
      cloud_account: 'Cloud account',
    },
    reason: {
      charge: 'Charge',
      bank_transfer: 'Bank transfer',
      top_up: 'Online top-up',
      overdue_payoff: 'Overdue paid off',
      voucher_issue: 'Voucher issued',
      voucher_activation: 'Voucher activated',
      purchase_tier: 'Card purchase bonus',
      card_distribution: 'Card from a partner',
      card_purchase: 'Card purchase',
      order_payment: 'Order payment',
      order_refund: 'Order refund',
      expiry: 'Expired',
      void: 'Voided',
    },
    ref: {
      bank_transfer: 'Transfer',
      card_order: 'Card order',
      charge: 'Charge',
      expiry: 'Expiry',
      order: 'Order',
      order_refund: 'Refund',
      prepaid_card: 'Card',
      top_up: 'Top-up',
      voucher: 'Voucher',
    },
    category: {
      general: 'Pay-as-you-go',
      sms: 'SMS',
      dial_testing: 'Dial testing',
    },
    source: {
      regular_voucher: 'Regular voucher',
      discount_voucher: 'Discount voucher',
      prepaid_card: 'Prepaid card',
      cash: 'Cash',
      overdue: 'Overdue',
      cloud_account: 'Cloud account',
    },
  },
  zh: {
    instrument: {
      cash: '现金',
      overdue: '欠费',
      regular_voucher: '代金券',
      discount_voucher: '折扣券',
      prepaid_card: '预付卡',
      cloud_account: '云账号',
    },
    reason: {
      charge: '扣费',
      bank_transfer: '银行转账',
      top_up: '在线充值',
      overdue_payoff: '偿还欠费',
      voucher_issue: '发放代金券',
      voucher_activation: '激活代金券',
      purchase_tier: '购卡赠券',
      card_distribution: '渠道商发放预付卡',
      card_purchase: '购买预付卡',
      order_payment: '订单支付',
      order_refund: '订单退款',
      expiry: '过期作废',
      void: '作废',
    },
    ref: {
      bank_transfer: '转账',
      card_order: '购卡订单',
      charge: '费用',
      expiry: '过期',
      order: '订单',
      order_refund: '退款',
      prepaid_card: '预付卡',
      top_up: '充值单',
      voucher: '代金券',
    },
    category: {
      general: '按量付费',
      sms: '短信',
      dial_testing: '拨测',
    },
    source: {
      regular_voucher: '普通代金券',
      discount_voucher: '折扣代金券',
      prepaid_card: '预付卡',
      cash: '现金',
      overdue: '欠费',
      cloud_account: '云市场账户',
    },
  },
};

/** The word for `value` in `group`, or the value itself when it is not one we know. */
export function valueWord(language: Language, group: keyof ValueWords, value: string): string {
  const words: Readonly<Record<string, string>> = VALUE_WORDS[language][group];
  return Object.hasOwn(words, value) ? (words[value] ?? value) : value;
}
