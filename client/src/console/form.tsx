/**
 * Small pieces every console form uses: a submit action that tracks "busy" and the last
 * error, an error shown next to the field it concerns, and the alert for everything else.
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import { errorMessage, fieldIssues, issueFor } from '../lib/trpc.ts';

export interface Action<T> {
  readonly busy: () => boolean;
  readonly error: () => unknown;
  /** Runs the action unless one is running; the result, or undefined when it failed. */
  readonly run: () => Promise<T | undefined>;
  readonly reset: () => void;
}

export function createAction<T>(perform: () => Promise<T>): Action<T> {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<unknown>(null);
  const run = async (): Promise<T | undefined> => {
    if (busy()) return undefined;
    setBusy(true);
    setError(null);
    try {
      return await perform();
    } catch (caught) {
      setError(caught);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, reset: () => setError(null) };
}

/** The API's message for one field, under that field. */
export function FieldError(props: { error: unknown; path: string; id?: string }) {
  return (
    <Show when={issueFor(props.error, props.path)}>
      {(message) => (
        <span class="field-error" id={props.id} data-testid={`error-${props.path}`}>
          {message()}
        </span>
      )}
    </Show>
  );
}

/**
 * The error of a form that no field of it shows: the API's message (or `message` when the
 * page explains it better) in an alert.
 */
export function FormAlert(props: { error: unknown; paths: readonly string[]; message?: string }) {
  const shownByField = () =>
    fieldIssues(props.error).some((issue) => props.paths.includes(issue.path));
  return (
    <Show when={props.error && !shownByField()}>
      <p class="error" role="alert">
        {props.message ?? errorMessage(props.error)}
      </p>
    </Show>
  );
}

/**
 * Renders its children anew whenever `generation` changes: a form's fields start clean
 * after a success, without the "required" reasons an emptied field would otherwise show.
 */
export function Fresh(props: { generation: number; children: JSX.Element }) {
  return <For each={[props.generation]}>{() => props.children}</For>;
}
