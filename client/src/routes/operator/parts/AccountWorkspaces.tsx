/**
 * The account's workspaces for the operator, and binding a new one (the platform's workspace
 * id; it settles through the billing center until an admin chooses otherwise).
 */
import { createResource, createSignal, Show } from 'solid-js';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { ShortId } from '../../../components/ShortId.tsx';
import { createAction, FieldError, FormAlert } from '../../../console/form.tsx';
import { Loaded } from '../../../console/Loaded.tsx';
import type { Workspace } from '../../../console/types.ts';
import { t } from '../../../lib/i18n.ts';
import { api } from '../../../lib/trpc.ts';

export function AccountWorkspaces(props: { accountId: string; onCreated: () => void }) {
  const [workspaces, { refetch }] = createResource(
    () => props.accountId,
    (accountId) => api.workspaces.list.query({ accountId }),
  );
  const [workspaceId, setWorkspaceId] = createSignal('');
  const [name, setName] = createSignal('');
  const create = createAction(() =>
    api.workspaces.create.mutate({
      accountId: props.accountId,
      workspaceId: workspaceId(),
      name: name(),
    }),
  );
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!(await create.run())) return;
    setWorkspaceId('');
    setName('');
    void refetch();
    props.onCreated();
  };

  const columns = (): Column<Workspace>[] => [
    {
      header: t('operator.workspace.id'),
      phone: 'meta',
      cell: (w) => <ShortId id={w.workspaceId} />,
    },
    { header: t('operator.workspace.name'), phone: 'title', cell: (w) => w.name },
    {
      header: t('workspaces.field.method'),
      cell: (w) =>
        w.settlementMethod === 'cloud_account'
          ? t('workspaces.cloudAccount', {
              provider: t(`workspaces.provider.${w.cloudProvider ?? ''}`),
              id: w.cloudAccountId ?? '',
            })
          : t('workspaces.method.billing_center'),
    },
  ];
  return (
    <div class="stack">
      <Loaded of={workspaces}>
        {(list) => (
          <Show when={list().length > 0} fallback={<p class="muted">{t('workspaces.empty')}</p>}>
            <DataTable
              label={t('operator.workspace.tableLabel')}
              rowTestId="operator-workspace-row"
              rows={list()}
              columns={columns()}
            />
          </Show>
        )}
      </Loaded>
      <form class="card" onSubmit={submit} aria-labelledby="workspace-create-title">
        <h3 id="workspace-create-title">{t('operator.workspace.create')}</h3>
        <label>
          {t('operator.workspace.id')}
          <input
            name="workspaceId"
            required
            autocomplete="off"
            value={workspaceId()}
            onInput={(e) => setWorkspaceId(e.currentTarget.value.trim())}
            data-testid="workspace-new-id"
          />
          <span class="muted hint">{t('operator.workspace.idHint')}</span>
          <FieldError error={create.error()} path="workspaceId" />
        </label>
        <label>
          {t('operator.workspace.name')}
          <input
            name="name"
            required
            maxLength={200}
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
            data-testid="workspace-new-name"
          />
          <FieldError error={create.error()} path="name" />
        </label>
        <FormAlert error={create.error()} paths={['workspaceId', 'name']} />
        <button type="submit" disabled={create.busy()} data-testid="workspace-new-submit">
          {create.busy() ? t('console.submitting') : t('operator.workspace.submit')}
        </button>
      </form>
    </div>
  );
}
