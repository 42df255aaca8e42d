/**
 * Invites a person to the account as admin or viewer. A new user gets a temporary password,
 * shown here once for the operator to pass on; an existing user keeps theirs.
 */
import { createSignal, Show } from 'solid-js';
import { createAction, FieldError, FormAlert } from '../../../console/form.tsx';
import { t } from '../../../lib/i18n.ts';
import { api } from '../../../lib/trpc.ts';

type Role = 'admin' | 'viewer';

export function InviteUserForm(props: { accountId: string; onInvited: () => void }) {
  const [email, setEmail] = createSignal('');
  const [name, setName] = createSignal('');
  const [role, setRole] = createSignal<Role>('admin');
  const invite = createAction(() =>
    api.users.invite.mutate({
      accountId: props.accountId,
      email: email(),
      name: name(),
      role: role(),
    }),
  );
  const [invited, setInvited] = createSignal<Awaited<ReturnType<typeof invite.run>>>();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setInvited(undefined);
    const result = await invite.run();
    if (!result) return;
    setInvited(result);
    setEmail('');
    setName('');
    props.onInvited();
  };

  return (
    <form class="card" onSubmit={submit} aria-labelledby="invite-title">
      <h2 id="invite-title">{t('operator.invite.title')}</h2>
      <label>
        {t('operator.invite.email')}
        <input
          name="email"
          type="email"
          required
          autocomplete="off"
          value={email()}
          onInput={(e) => setEmail(e.currentTarget.value)}
          data-testid="invite-email"
        />
        <FieldError error={invite.error()} path="email" />
      </label>
      <label>
        {t('operator.invite.name')}
        <input
          name="name"
          required
          maxLength={200}
          value={name()}
          onInput={(e) => setName(e.currentTarget.value)}
          data-testid="invite-name"
        />
        <FieldError error={invite.error()} path="name" />
      </label>
      <label>
        {t('operator.invite.role')}
        <select
          name="role"
          value={role()}
          onChange={(e) => setRole(e.currentTarget.value === 'viewer' ? 'viewer' : 'admin')}
          data-testid="invite-role"
        >
          <option value="admin">{t('operator.role.admin')}</option>
          <option value="viewer">{t('operator.role.viewer')}</option>
        </select>
      </label>
      <FormAlert error={invite.error()} paths={['email', 'name', 'role']} />
      <Show when={invited()}>
        {(person) => (
          <div class="result" role="status" data-testid="invite-result">
            <Show
              when={person().temporaryPassword}
              fallback={
                <p>
                  {t('operator.invite.existing', {
                    email: person().email,
                    role: t(`operator.role.${person().role}`),
                  })}
                </p>
              }
            >
              {(password) => (
                <>
                  <p>{t('operator.invite.created', { email: person().email })}</p>
                  <p class="secret">
                    <code data-testid="invite-password">{password()}</code>
                  </p>
                  <p class="warn small">{t('operator.invite.passOn')}</p>
                </>
              )}
            </Show>
          </div>
        )}
      </Show>
      <button type="submit" disabled={invite.busy()} data-testid="invite-submit">
        {invite.busy() ? t('console.submitting') : t('operator.invite.submit')}
      </button>
    </form>
  );
}
