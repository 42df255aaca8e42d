/**
 * Alert rules an account admin sets, and the shape they are read and set in.
 *
 * Level rules fire once when their value crosses the threshold and again only after it went
 * back over it (docs/RULES.md, "Alerts"): `balance_below` (usable cash plus usable vouchers
 * and cards below an amount), `runway_below` (days the usable money lasts), and
 * `instrument_expiring` (a voucher or card with a balance expiring within N days, once per
 * instrument). State rules fire once per entry into the state: `account_overdue`,
 * `workspace_grace`, `workspace_locked` (per workspace). Event rules fire on every occurrence:
 * `top_up_credited`, `invoice_issued`, `invoice_rejected`.
 */
import * as v from 'valibot';
import { ISSUE } from './issues.ts';
import { Amount } from './schemas.ts';
import { Text } from './text.ts';

export const ALERT_RULES = [
  'balance_below',
  'runway_below',
  'instrument_expiring',
  'account_overdue',
  'workspace_grace',
  'workspace_locked',
  'top_up_credited',
  'invoice_issued',
  'invoice_rejected',
] as const;

export type AlertRule = (typeof ALERT_RULES)[number];

/** Rules with an amount threshold, with a days threshold, and with none. */
export const AMOUNT_RULES = ['balance_below'] as const;
export const DAYS_RULES = ['runway_below', 'instrument_expiring'] as const;
export const PLAIN_RULES = [
  'account_overdue',
  'workspace_grace',
  'workspace_locked',
  'top_up_credited',
  'invoice_issued',
  'invoice_rejected',
] as const;

/** A rule as the API shows it: amounts as decimal strings. */
export interface AlertRuleView {
  rule: AlertRule;
  enabled: boolean;
  amount?: string;
  days?: number;
}

export const MAX_ALERT_DAYS = 365;

const Days = v.pipe(
  v.number(ISSUE.WRONG_TYPE),
  v.safeInteger(ISSUE.NOT_WHOLE_NUMBER),
  v.minValue(1, ISSUE.NUMBER_TOO_SMALL),
  v.maxValue(MAX_ALERT_DAYS, ISSUE.NUMBER_TOO_LARGE),
);

export const AlertRuleSetting = v.variant('rule', [
  v.object({ rule: v.picklist(AMOUNT_RULES), enabled: v.boolean(), amount: Amount }),
  v.object({ rule: v.picklist(DAYS_RULES), enabled: v.boolean(), days: Days }),
  v.object({ rule: v.picklist(PLAIN_RULES), enabled: v.boolean() }),
]);

export type AlertRuleSettingInput = v.InferOutput<typeof AlertRuleSetting>;

export const SetAlertRulesInput = v.object({
  accountId: v.pipe(Text(128), v.nonEmpty(ISSUE.REQUIRED)),
  rules: v.pipe(
    v.array(AlertRuleSetting, ISSUE.WRONG_TYPE),
    v.maxLength(ALERT_RULES.length, ISSUE.LIST_TOO_LONG),
    v.check(
      (rules) => new Set(rules.map((r) => r.rule)).size === rules.length,
      ISSUE.LIST_DUPLICATES,
    ),
  ),
});
