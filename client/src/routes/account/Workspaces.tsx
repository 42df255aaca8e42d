/**
 * The workspaces bound to the account: how each settles (the billing-center account or a
 * cloud marketplace account), whether it may ingest, and, for admins, changing the method
 * when the rules allow it now (else why not, and from when).
 */
import { useParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { ShortId } from '../../components/ShortId.tsx';
import { Loaded } from '../../console/Loaded.tsx';
import type { Workspace } from '../../console/types.ts';
import { time } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';
import { canWrite } from '../../lib/session.ts';
import { api } from '../../lib/trpc.ts';
import {
  cloudAccountText,
  MethodLockNote,
  SettlementMethodForm,
} from './parts/SettlementMethodForm.tsx';
import { WorkspaceStatus } from './parts/WorkspaceStatus.tsx';
import { WorkspaceRunway, type RunwayView } from './runway/WorkspaceRunway.tsx';
import '../../account.css';
import '../../console.css';

export default function Workspaces() {
  const params = useParams<{ accountId: string }>();
  const [workspaces, { refetch }] = createResource(
    () => params.accountId,
    (accountId) => api.workspaces.list.query({ accountId }),
  );
  // The runway is an extra: the list shows without it, and a failure leaves it out.
  const [runway] = createResource(
    () => params.accountId,
    (accountId) => api.accounts.runway.query({ accountId }).catch(() => null),
  );
  return (
    <section class="console-page" aria-labelledby="workspaces-title">
      <h1 id="workspaces-title">{t('workspaces.title')}</h1>
      <p class="muted small">{t('workspaces.explain')}</p>
      <Loaded of={workspaces}>
        {(list) => (
          <Show
            when={list().length > 0}
            fallback={
              <p class="muted" data-testid="workspaces-empty">
                {t('workspaces.empty')}
              </p>
            }
          >
            <ul class="workspace-list">
              <For each={list()}>
                {(workspace) => (
                  <WorkspaceItem
                    workspace={workspace}
                    runway={runway.state === 'ready' ? runway() : null}
                    editable={canWrite(params.accountId)}
                    onChanged={() => void refetch()}
                  />
                )}
              </For>
            </ul>
          </Show>
        )}
      </Loaded>
    </section>
  );
}

function WorkspaceItem(props: {
  workspace: Workspace;
  runway: RunwayView | null;
  editable: boolean;
  onChanged: () => void;
}) {
  const [editing, setEditing] = createSignal(false);
  const w = () => props.workspace;
  const locked = () => w().methodLock !== null;
  const lockId = () => `method-lock-${w().workspaceId}`;
  return (
    <li class="card workspace" data-testid="workspace-row" data-workspace-id={w().workspaceId}>
      <div class="workspace-head">
        <div>
          <strong>{w().name}</strong> <ShortId id={w().workspaceId} />
        </div>
        <WorkspaceStatus workspaceId={w().workspaceId} />
      </div>
      <p data-testid="workspace-method-current" data-method={w().settlementMethod}>
        <span class="muted">{t('workspaces.field.method')}: </span>
        <Show
          when={w().settlementMethod === 'cloud_account'}
          fallback={t('workspaces.method.billing_center')}
        >
          {cloudAccountText(w().cloudProvider, w().cloudAccountId)}
        </Show>
        <Show when={w().methodChangedAtMs}>
          {(at) => (
            <span class="muted small"> · {t('workspaces.changedAt', { at: time(at()) })}</span>
          )}
        </Show>
      </p>
      <Show when={props.runway}>
        {(runway) => <WorkspaceRunway runway={runway()} workspaceId={w().workspaceId} />}
      </Show>
      <Show when={props.editable}>
        <MethodLockNote workspace={w()} id={lockId()} />
        <button
          type="button"
          class="secondary"
          aria-expanded={editing() && !locked()}
          disabled={locked()}
          aria-describedby={locked() ? lockId() : undefined}
          onClick={() => setEditing(!editing())}
          data-testid="workspace-change"
        >
          {editing() && !locked() ? t('common.cancel') : t('workspaces.change.open')}
        </button>
        <Show when={editing() && !locked()}>
          <SettlementMethodForm
            workspace={w()}
            onChanged={() => {
              setEditing(false);
              props.onChanged();
            }}
            onStale={props.onChanged}
          />
        </Show>
      </Show>
    </li>
  );
}
