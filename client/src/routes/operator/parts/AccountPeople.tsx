/** The people of an account and their roles, with what an operator may change for each. */
import { Show, type Resource } from 'solid-js';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { Loaded } from '../../../console/Loaded.tsx';
import type { Outputs } from '../../../console/types.ts';
import { t } from '../../../lib/i18n.ts';
import { MemberActions } from './MemberActions.tsx';

type Person = Outputs['users']['list'][number];

export function AccountPeople(props: {
  accountId: string;
  people: Resource<Outputs['users']['list']>;
  onChanged: () => void;
}) {
  const columns = (): Column<Person>[] => [
    { header: t('operator.people.name'), phone: 'title', cell: (person) => person.name },
    {
      header: t('operator.people.email'),
      cell: (person) => (
        <>
          {person.email}
          <Show when={person.mustChangePassword}>
            {' '}
            <span class="badge" data-testid="person-must-change">
              {t('members.mustChange')}
            </span>
          </Show>
        </>
      ),
    },
    {
      header: t('operator.people.role'),
      phone: 'meta',
      cell: (person) => (person.role ? t(`operator.role.${person.role}`) : '—'),
    },
    {
      header: t('members.actions'),
      phone: 'wide',
      cell: (person) => (
        <MemberActions accountId={props.accountId} person={person} onChanged={props.onChanged} />
      ),
    },
  ];
  return (
    <Loaded of={props.people}>
      {(people) => (
        <Show
          when={people().length > 0}
          fallback={
            <p class="muted" data-testid="people-empty">
              {t('operator.people.empty')}
            </p>
          }
        >
          <DataTable
            label={t('operator.people.tableLabel')}
            rowTestId="person-row"
            rowAttrs={(person) => ({ 'data-email': person.email })}
            rows={people()}
            columns={columns()}
          />
        </Show>
      )}
    </Loaded>
  );
}
