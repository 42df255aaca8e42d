/** Creates a billing account by name, then opens it. */
import { useNavigate } from '@solidjs/router';
import { createSignal } from 'solid-js';
import { createAction, FieldError, FormAlert } from '../../../console/form.tsx';
import { t } from '../../../lib/i18n.ts';
import { api } from '../../../lib/trpc.ts';

export function CreateAccountForm() {
  const navigate = useNavigate();
  const [name, setName] = createSignal('');
  const create = createAction(() => api.accounts.create.mutate({ name: name() }));
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const account = await create.run();
    if (account) navigate(`/operator/accounts/${account.id}`);
  };
  return (
    <form class="card" onSubmit={submit} aria-labelledby="create-account-title">
      <h2 id="create-account-title">{t('operator.accounts.create')}</h2>
      <label>
        {t('operator.accounts.name')}
        <input
          name="name"
          required
          maxLength={200}
          value={name()}
          onInput={(e) => setName(e.currentTarget.value)}
          data-testid="create-account-name"
        />
        <FieldError error={create.error()} path="name" />
      </label>
      <FormAlert error={create.error()} paths={['name']} />
      <button type="submit" disabled={create.busy()} data-testid="create-account-submit">
        {create.busy() ? t('console.submitting') : t('operator.accounts.createSubmit')}
      </button>
    </form>
  );
}
