/**
 * Firing an alert: an in-app notification and an `alert.fired` event, both in the commit of
 * the write that crossed the rule (or of the expiry job's command, for time-based rules).
 */
import type { AlertRule } from '../../common/alerts.ts';
import type { EventPayloads } from '../../common/events.ts';
import { notifications } from '../../db/schema/index.ts';
import { newId } from '../ids.ts';
import type { AccountState, Unit } from '../writer/unit.ts';

export interface Firing {
  readonly rule: AlertRule;
  /** The crossing key for level and state rules; absent for event rules (fire every time). */
  readonly key?: string;
  readonly threshold: string | number | null;
  readonly value: string | number | null;
  readonly subject?: Record<string, string>;
}

export function fireAlert(unit: Unit, account: AccountState, firing: Firing): void {
  if (firing.key) account.alerts.markFired(firing.key, unit.nowMs);
  const payload: EventPayloads['alert.fired'] = {
    alertId: newId('alr'),
    rule: firing.rule,
    threshold: firing.threshold,
    value: firing.value,
    subject: firing.subject ?? {},
  };
  const eventId = unit.emit('alert.fired', account.id, payload);
  unit.insert(notifications, {
    id: payload.alertId,
    accountId: account.id,
    kind: firing.rule,
    eventId,
    data: JSON.stringify(payload),
    createdAtMs: unit.nowMs,
  });
  account.touched = true;
}

/** Notifies the account's admins of something that is not an alert rule (a disabled endpoint). */
export function notify(
  unit: Unit,
  account: AccountState,
  kind: string,
  eventId: string,
  data: unknown,
): void {
  unit.insert(notifications, {
    id: newId('ntf'),
    accountId: account.id,
    kind,
    eventId,
    data: JSON.stringify(data),
    createdAtMs: unit.nowMs,
  });
  account.touched = true;
}
