/**
 * The signed-in person's live sessions (when and where each began, the browser, this one
 * marked), each with a button to end it, and "sign out everywhere". Ending this session, or
 * all of them, reads the user again, which takes the app back to the sign-in page.
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import { Confirm } from '../../console/Confirm.tsx';
import { Loaded } from '../../console/Loaded.tsx';
import { createAction, FormAlert } from '../../console/form.tsx';
import { time } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';
import { refreshUser } from '../../lib/session.ts';
import { api } from '../../lib/trpc.ts';

export function Sessions() {
  const [sessions, { refetch }] = createResource(() => api.auth.sessions.query());
  const [target, setTarget] = createSignal('');
  const revoke = createAction(() => api.auth.revokeSession.mutate({ sessionId: target() }));
  const end = async (sessionId: string) => {
    setTarget(sessionId);
    const result = await revoke.run();
    if (!result) return;
    if (result.current) await refreshUser();
    else await refetch();
  };

  return (
    <section class="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('security.sessions.title')}</h2>
      <FormAlert error={revoke.error()} paths={[]} />
      <Loaded of={sessions}>
        {(list) => (
          <div class="table-wrap">
            <table data-testid="sessions-table">
              <thead>
                <tr>
                  <th scope="col">{t('security.sessions.created')}</th>
                  <th scope="col">{t('security.sessions.lastSeen')}</th>
                  <th scope="col">{t('security.sessions.address')}</th>
                  <th scope="col">{t('security.sessions.agent')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('members.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={list()}>
                  {(session) => (
                    <tr data-testid="session-row" data-current={String(session.current)}>
                      <td class="nowrap">
                        {time(session.createdAtMs)}
                        <Show when={session.current}>
                          {' '}
                          <span class="badge" data-testid="session-current">
                            {t('security.sessions.current')}
                          </span>
                        </Show>
                      </td>
                      <td class="nowrap">{time(session.lastSeenAtMs)}</td>
                      <td class="mono">{session.clientAddress}</td>
                      <td class="small">
                        {session.userAgent || t('security.sessions.unknownAgent')}
                      </td>
                      <td>
                        <button
                          type="button"
                          class="secondary"
                          disabled={revoke.busy()}
                          onClick={() => void end(session.sessionId)}
                          data-testid="session-revoke"
                        >
                          {t('security.sessions.revoke')}
                        </button>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        )}
      </Loaded>
    </section>
  );
}

export function SignOutEverywhere() {
  const [asking, setAsking] = createSignal(false);
  const action = createAction(() => api.auth.signOutEverywhere.mutate());
  const confirm = async () => {
    if (await action.run()) await refreshUser();
  };
  return (
    <section class="card" aria-labelledby="everywhere-title">
      <h2 id="everywhere-title">{t('security.everywhere.title')}</h2>
      <p class="muted">{t('security.everywhere.explain')}</p>
      <FormAlert error={action.error()} paths={[]} />
      <Show
        when={asking()}
        fallback={
          <button type="button" onClick={() => setAsking(true)} data-testid="sign-out-everywhere">
            {t('security.everywhere.submit')}
          </button>
        }
      >
        <Confirm
          message={t('security.everywhere.confirm')}
          busy={action.busy()}
          onConfirm={() => void confirm()}
          onCancel={() => setAsking(false)}
        />
      </Show>
    </section>
  );
}
