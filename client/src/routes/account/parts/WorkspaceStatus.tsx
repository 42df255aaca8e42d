/**
 * Whether a workspace may ingest: active, in its 14-day grace period while the account is
 * overdue (with a live countdown to the lock), or locked until the overdue is paid off.
 */
import { createResource, Match, Switch } from 'solid-js';
import { createNow, remaining } from '../../../console/now.ts';
import { cny, time } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';
import { api, errorMessage } from '../../../lib/trpc.ts';

export function WorkspaceStatus(props: { workspaceId: string }) {
  const [status] = createResource(
    () => props.workspaceId,
    (workspaceId) => api.workspaces.status.query({ workspaceId }),
  );
  const now = createNow(15_000);
  const current = () => (status.state === 'ready' ? status.latest : undefined);
  const countdown = () => {
    const lockAtMs = current()?.lockAtMs;
    return lockAtMs == null ? null : remaining(lockAtMs, now());
  };

  return (
    <Switch fallback={<span class="muted">{t('common.loading')}</span>}>
      <Match when={status.state === 'errored'}>
        <span class="error" role="alert">
          {errorMessage(status.error)}
        </span>
      </Match>
      <Match when={current()}>
        {(s) => (
          <div class="workspace-status">
            <span
              class={`badge ${s().status}`}
              data-testid="workspace-status"
              data-status={s().status}
            >
              {t(`workspaces.status.${s().status}`)}
            </span>
            <Switch>
              <Match when={s().status === 'grace' && countdown()}>
                {(left) => (
                  <span class="warn" data-testid="workspace-countdown">
                    {t('workspaces.graceCountdown', {
                      days: left().days,
                      hours: left().hours,
                      minutes: left().minutes,
                      at: time(s().lockAtMs),
                      overdue: cny(s().overdue),
                    })}
                  </span>
                )}
              </Match>
              <Match when={s().status === 'locked'}>
                <span class="negative">
                  {t('workspaces.lockedSince', {
                    at: time(s().lockAtMs),
                    overdue: cny(s().overdue),
                  })}
                </span>
              </Match>
            </Switch>
          </div>
        )}
      </Match>
    </Switch>
  );
}
