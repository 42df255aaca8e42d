/** The people of an account and their roles. */
import { For, Show, type Resource } from 'solid-js';
import { Loaded } from '../../../console/Loaded.tsx';
import type { Outputs } from '../../../console/types.ts';
import { t } from '../../../lib/i18n.ts';

export function AccountPeople(props: { people: Resource<Outputs['users']['list']> }) {
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
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('operator.people.name')}</th>
                  <th scope="col">{t('operator.people.email')}</th>
                  <th scope="col">{t('operator.people.role')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={people()}>
                  {(person) => (
                    <tr data-testid="person-row">
                      <td>{person.name}</td>
                      <td>{person.email}</td>
                      <td>{person.role ? t(`operator.role.${person.role}`) : '—'}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
      )}
    </Loaded>
  );
}
