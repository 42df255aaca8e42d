/**
 * What an operator does to one member of an account: change the role (admin or viewer),
 * remove them from the account, or reset their password. Removing and resetting ask first;
 * a reset shows the new temporary password once, with a copy button, to hand over.
 */
import { createSignal, Match, Show, Switch } from 'solid-js';
import { Confirm } from '../../../console/Confirm.tsx';
import { CopyButton } from '../../../console/CopyButton.tsx';
import { createAction, FormAlert } from '../../../console/form.tsx';
import type { Outputs } from '../../../console/types.ts';
import { t } from '../../../lib/i18n.ts';
import { api } from '../../../lib/trpc.ts';
import '../../../security.css';

type Person = Outputs['users']['list'][number];
type Role = 'admin' | 'viewer';

export function MemberActions(props: { accountId: string; person: Person; onChanged: () => void }) {
  const [asking, setAsking] = createSignal<'remove' | 'reset' | null>(null);
  const [role, setRole] = createSignal<Role>(props.person.role === 'viewer' ? 'viewer' : 'admin');
  const ids = () => ({ accountId: props.accountId, userId: props.person.userId });
  const setRoleAction = createAction(() => api.users.setRole.mutate({ ...ids(), role: role() }));
  const remove = createAction(() => api.users.removeMember.mutate(ids()));
  const reset = createAction(() => api.users.resetPassword.mutate({ userId: props.person.userId }));
  const [temporary, setTemporary] = createSignal<string | null>(null);

  const changeRole = async (next: Role) => {
    setRole(next);
    if (await setRoleAction.run()) props.onChanged();
  };
  const confirm = async () => {
    if (asking() === 'remove') {
      if (await remove.run()) props.onChanged();
    } else {
      const result = await reset.run();
      if (result) setTemporary(result.temporaryPassword);
    }
    setAsking(null);
  };

  return (
    <div class="member-actions">
      <div class="actions">
        <label>
          <span class="visually-hidden">{t('members.setRole', { name: props.person.name })}</span>
          <select
            value={role()}
            disabled={setRoleAction.busy()}
            onChange={(e) =>
              void changeRole(e.currentTarget.value === 'viewer' ? 'viewer' : 'admin')
            }
            data-testid="member-role"
          >
            <option value="admin">{t('operator.role.admin')}</option>
            <option value="viewer">{t('operator.role.viewer')}</option>
          </select>
        </label>
        <button
          type="button"
          class="secondary"
          onClick={() => setAsking('reset')}
          data-testid="member-reset"
        >
          {t('members.reset')}
        </button>
        <button
          type="button"
          class="secondary"
          onClick={() => setAsking('remove')}
          data-testid="member-remove"
        >
          {t('members.remove')}
        </button>
      </div>
      <Switch>
        <Match when={asking() === 'remove'}>
          <Confirm
            message={t('members.removeConfirm', { email: props.person.email })}
            busy={remove.busy()}
            onConfirm={() => void confirm()}
            onCancel={() => setAsking(null)}
          />
        </Match>
        <Match when={asking() === 'reset'}>
          <Confirm
            message={t('members.resetConfirm', { email: props.person.email })}
            busy={reset.busy()}
            onConfirm={() => void confirm()}
            onCancel={() => setAsking(null)}
          />
        </Match>
      </Switch>
      <FormAlert error={setRoleAction.error() ?? remove.error() ?? reset.error()} paths={[]} />
      <Show when={temporary()}>
        {(password) => (
          <div class="result" role="status" data-testid="member-reset-result">
            <p>{t('members.resetDone', { email: props.person.email })}</p>
            <p class="secret">
              <code data-testid="member-temporary-password">{password()}</code>{' '}
              <CopyButton value={password()} testId="member-copy" />
            </p>
          </div>
        )}
      </Show>
    </div>
  );
}
