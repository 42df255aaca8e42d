/**
 * The alerts money moves cause, evaluated inside the writer's commit:
 *
 * - `settleAlerts` runs once per touched account when the group's changes are taken: it
 *   emits `account.overdue` / `account.overdue_cleared` on the transition, and fires or
 *   re-arms the level rules `balance_below` and `account_overdue` on the balances the group
 *   leaves;
 * - `alertsOnEvent` fires the event rules (`top_up_credited`, `invoice_issued`,
 *   `invoice_rejected`) on every such event.
 *
 * Crossing state commits with the account's version, so two processes cannot both fire the
 * same crossing: the loser's commit is aborted and planned again on the winner's state.
 */
import type { AlertRule } from '../../common/alerts.ts';
import type { EventPayloads, EventType } from '../../common/events.ts';
import { fenToAmount } from '../../common/money.ts';
import { isUsable } from '../../common/settlement/plan.ts';
import type { AccountState, Unit } from '../writer/unit.ts';
import { fireAlert } from './fire.ts';

export function settleAlerts(unit: Unit, account: AccountState): void {
  overdueTransition(unit, account);
  balanceBelow(unit, account);
}

/** Cash plus the vouchers and cards usable now. */
export function usableFen(account: AccountState, nowMs: number): number {
  let total = account.cashFen;
  for (const instrument of account.instruments()) {
    if (isUsable(instrument, nowMs)) total += instrument.balanceFen;
  }
  return total;
}

function overdueTransition(unit: Unit, account: AccountState): void {
  const before = account.original.overdueFen;
  const after = account.overdueFen;
  if (before === 0 && after > 0) {
    unit.emit('account.overdue', account.id, {
      overdue: fenToAmount(after),
      overdueSinceMs: account.overdueSinceMs ?? unit.nowMs,
    });
  } else if (before > 0 && after === 0) {
    unit.emit('account.overdue_cleared', account.id, { paid: fenToAmount(before) });
    unlockWorkspaces(unit, account);
  }
  const key = 'account_overdue';
  if (after === 0) {
    account.alerts.rearm(key);
    return;
  }
  if (account.alerts.enabled('account_overdue') && !account.alerts.hasFired(key)) {
    fireAlert(unit, account, {
      rule: 'account_overdue',
      key,
      threshold: null,
      value: fenToAmount(after),
    });
  }
}

/** Paying the overdue off unlocks at once: the workspaces the expiry job saw locked say so. */
function unlockWorkspaces(unit: Unit, account: AccountState): void {
  for (const key of account.alerts.firedKeys()) {
    if (key.startsWith('ws_locked:')) {
      unit.emit('workspace.unlocked', account.id, { workspaceId: key.slice('ws_locked:'.length) });
    }
    if (key.startsWith('ws_')) account.alerts.rearm(key);
  }
}

function balanceBelow(unit: Unit, account: AccountState): void {
  const rule = account.alerts.enabled('balance_below');
  if (!rule || rule.amountFen === undefined) return;
  const key = 'balance_below';
  const usable = usableFen(account, unit.nowMs);
  if (usable >= rule.amountFen) {
    account.alerts.rearm(key);
  } else if (!account.alerts.hasFired(key)) {
    fireAlert(unit, account, {
      rule: 'balance_below',
      key,
      threshold: fenToAmount(rule.amountFen),
      value: fenToAmount(usable),
    });
  }
}

/** The event rules: each such event fires its rule (when enabled) once. */
const EVENT_RULES: Partial<Record<EventType, AlertRule>> = {
  'top_up.credited': 'top_up_credited',
  'invoice.issued': 'invoice_issued',
  'invoice.rejected': 'invoice_rejected',
};

export function alertsOnEvent<T extends EventType>(
  unit: Unit,
  account: AccountState,
  type: T,
  data: EventPayloads[T],
): void {
  const rule = EVENT_RULES[type];
  if (!rule || !account.alerts.enabled(rule)) return;
  const amount = (data as { amount?: string }).amount ?? null;
  fireAlert(unit, account, {
    rule,
    threshold: null,
    value: amount,
    subject: subjectOf(data),
  });
}

/** The ids in a payload (topUpId, invoiceId…), for the notification's link. */
function subjectOf(data: unknown): Record<string, string> {
  const subject: Record<string, string> = {};
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (key.endsWith('Id') && typeof value === 'string') subject[key] = value;
  }
  return subject;
}
