/** The people of an account and their roles, with what an operator may change for each. */
import { For, Show, type Resource } from 'solid-js';
import { Loaded } from '../../../console/Loaded.tsx';
import type { Outputs } from '../../../console/types.ts';
import { t } from '../../../lib/i18n.ts';
import { MemberActions } from './MemberActions.tsx';

export function AccountPeople(props: {
  accountId: string;
  people: Resource<Outputs['users']['list']>;
  onChanged: () => void;
}) {
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
                  <th scope="col">{t('members.actions')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={people()}>
                  {(person) => (
                    <tr data-testid="person-row" data-email={person.email}>
                      <td>{person.name}</td>
                      <td>
                        {person.email}
                        <Show when={person.mustChangePassword}>
                          {' '}
                          <span class="badge" data-testid="person-must-change">
                            {t('members.mustChange')}
                          </span>
                        </Show>
                      </td>
                      <td>{person.role ? t(`operator.role.${person.role}`) : '—'}</td>
                      <td>
                        <MemberActions
                          accountId={props.accountId}
                          person={person}
                          onChanged={props.onChanged}
                        />
                      </td>
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
