/** The people of an account and their roles. */
import { Show, type Resource } from 'solid-js';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { Loaded } from '../../../console/Loaded.tsx';
import type { Outputs } from '../../../console/types.ts';
import { t } from '../../../lib/i18n.ts';

type Person = Outputs['users']['list'][number];

export function AccountPeople(props: { people: Resource<Outputs['users']['list']> }) {
  const columns = (): Column<Person>[] => [
    { header: t('operator.people.name'), phone: 'title', cell: (person) => person.name },
    { header: t('operator.people.email'), cell: (person) => person.email },
    {
      header: t('operator.people.role'),
      phone: 'meta',
      cell: (person) => (person.role ? t(`operator.role.${person.role}`) : '—'),
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
            rows={people()}
            columns={columns()}
          />
        </Show>
      )}
    </Loaded>
  );
}
