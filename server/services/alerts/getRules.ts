/** An account's alert rules, as set; every rule listed, the ones never set disabled. */
import { eq } from 'drizzle-orm';
import { ALERT_RULES, type AlertRuleView } from '../../../common/alerts.ts';
import { fenToAmount } from '../../../common/money.ts';
import { accounts } from '../../../db/schema/index.ts';
import type { StoredAlertRule } from '../../alerts/state.ts';
import type { ServiceContext } from '../../context.ts';
import { accountNotFound, requireAccountRead } from '../access.ts';

export async function getAlertRules(
  ctx: ServiceContext,
  accountId: string,
): Promise<{ rules: AlertRuleView[] }> {
  requireAccountRead(ctx.actor, accountId);
  const row = await ctx.database.db.query.accounts.findFirst({
    where: eq(accounts.id, accountId),
    columns: { alertRules: true },
  });
  if (!row) throw accountNotFound(accountId);
  return { rules: alertRuleViews(JSON.parse(row.alertRules) as StoredAlertRule[]) };
}

export function alertRuleViews(stored: readonly StoredAlertRule[]): AlertRuleView[] {
  return ALERT_RULES.map((rule) => {
    const set = stored.find((r) => r.rule === rule);
    const view: AlertRuleView = { rule, enabled: set?.enabled ?? false };
    if (set?.amountFen !== undefined) view.amount = fenToAmount(set.amountFen);
    if (set?.days !== undefined) view.days = set.days;
    return view;
  });
}
