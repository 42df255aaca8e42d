/**
 * Renders a resource: "loading" before its first answer, the API's message in an alert when
 * it failed, else the content. Reads `latest`, so a refetch keeps the old content on screen
 * instead of suspending the page.
 */
import { Match, Switch, type Accessor, type JSX, type Resource } from 'solid-js';
import { t } from '../lib/i18n.ts';
import { errorMessage } from '../lib/trpc.ts';

export function Loaded<T>(props: {
  of: Resource<T>;
  children: (value: Accessor<NonNullable<T>>) => JSX.Element;
}) {
  const value = () => {
    const state = props.of.state;
    return state === 'ready' || state === 'refreshing' ? props.of.latest : undefined;
  };
  return (
    <Switch>
      <Match when={props.of.state === 'errored'}>
        <p class="error" role="alert">
          {errorMessage(props.of.error)}
        </p>
      </Match>
      <Match when={value()}>{(ready) => props.children(ready)}</Match>
      <Match when={true}>
        <p class="muted" aria-live="polite">
          {t('common.loading')}
        </p>
      </Match>
    </Switch>
  );
}
