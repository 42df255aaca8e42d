/**
 * The overdue warning: since when the account is overdue, the countdown to the lock of its
 * billing-center workspaces (14 days after the account became overdue, the same rule as the
 * server's `workspaces.status`), and each workspace's own status as the server reports it.
 */
import { A } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { addDaysMs } from '../../../../../common/time.ts';
import { cny, time } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';
import { api } from '../../../lib/trpc.ts';
import { Badge, createNow, valueOr, type Workspace } from '../shared.tsx';

/** The grace period of the spec: workspaces lock 14 days after the account became overdue. */
const GRACE_DAYS = 14;
const MINUTE_MS = 60_000;

/** "3 d 4 h 12 min" until `untilMs`. */
function countdown(untilMs: number, nowMs: number): string {
  const minutes = Math.max(0, Math.floor((untilMs - nowMs) / MINUTE_MS));
  return t('overview.countdown', {
    d: Math.floor(minutes / 1440),
    h: Math.floor((minutes % 1440) / 60),
    m: minutes % 60,
  });
}

export function OverdueCard(props: {
  overdue: string;
  overdueSinceMs: number;
  workspaces: readonly Workspace[];
  accountId: string;
}) {
  const now = createNow(30_000);
  const lockAtMs = () => addDaysMs(props.overdueSinceMs, GRACE_DAYS);
  const [statuses] = createResource(
    () => props.workspaces.map((workspace) => workspace.workspaceId),
    (ids) => Promise.all(ids.map((id) => api.workspaces.status.query({ workspaceId: id }))),
  );
  const nameOf = (id: string) => props.workspaces.find((w) => w.workspaceId === id)?.name ?? id;

  return (
    <div class="card overdue-card" role="status" data-testid="overview-overdue-card">
      <p>
        <strong class="negative">
          {t('overview.overdueTitle', { amount: cny(props.overdue) })}
        </strong>{' '}
        <span data-testid="overview-overdue-since">
          {t('overview.overdueSince', { time: time(props.overdueSinceMs) })}
        </span>
      </p>
      <p data-testid="overview-lock-countdown">
        <Show
          when={now() < lockAtMs()}
          fallback={t('overview.lockedSince', { time: time(lockAtMs()) })}
        >
          {t('overview.lockIn', {
            countdown: countdown(lockAtMs(), now()),
            time: time(lockAtMs()),
          })}
        </Show>
      </p>
      <Show when={valueOr(statuses, []).length > 0}>
        <ul class="plain-list">
          <For each={valueOr(statuses, [])}>
            {(status) => (
              <li data-testid="overview-workspace-status">
                {nameOf(status.workspaceId)} <Badge status={status.status} />
                <Show when={status.status === 'grace' && status.lockAtMs}>
                  {(at) => (
                    <span class="muted"> {t('overview.locksAt', { time: time(at()) })}</span>
                  )}
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <A href={`/accounts/${props.accountId}/topup`}>{t('overview.payOff')}</A>
    </div>
  );
}
