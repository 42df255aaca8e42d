/**
 * Sets an account's alert rules (its admins, or operators). The rules are part of the account
 * state the writer plans on (a charge decides whether `balance_below` fires), so they change
 * through the writer and bump the account version (decision 008). A rule whose threshold
 * changed, or that was turned off, is re-armed: it fires at the next crossing of the new
 * threshold. Rules not named keep their settings.
 */
import type { AlertRuleSettingInput, AlertRuleView } from '../../../common/alerts.ts';
import { amountToFen } from '../../../common/money.ts';
import type { AlertBook, StoredAlertRule } from '../../alerts/state.ts';
import type { ServiceContext } from '../../context.ts';
import { requireAccountWrite } from '../access.ts';
import { alertRuleViews } from './getRules.ts';

export async function setAlertRules(
  ctx: ServiceContext,
  input: { accountId: string; rules: readonly AlertRuleSettingInput[] },
): Promise<{ rules: AlertRuleView[] }> {
  requireAccountWrite(ctx.actor, input.accountId);
  const given = input.rules.map(stored);
  const outcome = await ctx.writer.submit({
    accountId: input.accountId,
    apply: (_unit, account) => {
      const before = account.alerts.rules;
      const next = [...before.filter((r) => !given.some((g) => g.rule === r.rule)), ...given];
      for (const rule of given) {
        const old = before.find((r) => r.rule === rule.rule);
        if (!old || !sameRule(old, rule)) rearmRule(account.alerts, rule.rule);
      }
      account.alerts.setRules(next);
      return { rules: alertRuleViews(next) };
    },
  });
  return outcome.result;
}

function stored(input: AlertRuleSettingInput): StoredAlertRule {
  if ('amount' in input) {
    return { rule: input.rule, enabled: input.enabled, amountFen: amountToFen(input.amount) };
  }
  if ('days' in input) return { rule: input.rule, enabled: input.enabled, days: input.days };
  return { rule: input.rule, enabled: input.enabled };
}

function sameRule(a: StoredAlertRule, b: StoredAlertRule): boolean {
  return a.enabled === b.enabled && a.amountFen === b.amountFen && a.days === b.days;
}

/** Forgets the crossings of a rule, its per-subject ones (`rule:<id>`) included. */
function rearmRule(alerts: AlertBook, rule: string): void {
  for (const key of alerts.firedKeys()) {
    if (key === rule || key.startsWith(`${rule}:`)) alerts.rearm(key);
  }
}
