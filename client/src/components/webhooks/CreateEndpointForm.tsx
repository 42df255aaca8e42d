/** Adds an endpoint: its URL, a description, the events it wants, charge events opt-in. */
import { createSignal } from 'solid-js';
import type { EventType } from '../../../../common/events.ts';
import { createAction, FieldError, FormAlert, Fresh } from '../../console/form.tsx';
import { t } from '../../lib/i18n.ts';
import { api, issueFor } from '../../lib/trpc.ts';
import { EventTypePicker } from './EventTypePicker.tsx';

export interface Created {
  readonly secret: string;
}

export function CreateEndpointForm(props: {
  accountId: string | null;
  onCreated: (created: Created) => void;
}) {
  const [generation, setGeneration] = createSignal(0);
  return (
    <Fresh generation={generation()}>
      <Form
        accountId={props.accountId}
        onCreated={(created) => {
          setGeneration(generation() + 1);
          props.onCreated(created);
        }}
      />
    </Fresh>
  );
}

function Form(props: { accountId: string | null; onCreated: (created: Created) => void }) {
  const [url, setUrl] = createSignal('');
  const [description, setDescription] = createSignal('');
  const [types, setTypes] = createSignal<EventType[]>([]);
  const [includeCharges, setIncludeCharges] = createSignal(false);
  const create = createAction(() =>
    api.webhooks.create.mutate({
      ...(props.accountId ? { accountId: props.accountId } : {}),
      url: url().trim(),
      description: description(),
      eventTypes: types().filter((type) => type !== 'charge.settled' && type !== 'webhook.test'),
      includeCharges: includeCharges(),
    }),
  );
  return (
    <form
      class="card webhook-create"
      aria-labelledby="webhook-create-title"
      onSubmit={async (event) => {
        event.preventDefault();
        const created = await create.run();
        if (created) props.onCreated({ secret: created.secret });
      }}
      data-testid="webhook-create"
    >
      <h2 id="webhook-create-title">{t('webhooks.create')}</h2>
      <fieldset class="plain" disabled={create.busy()}>
        <div class="field">
          <label for="webhook-url">{t('webhooks.url')}</label>
          <input
            id="webhook-url"
            type="url"
            inputmode="url"
            autocomplete="off"
            spellcheck={false}
            placeholder="https://"
            value={url()}
            onInput={(e) => setUrl(e.currentTarget.value)}
            aria-invalid={issueFor(create.error(), 'url') ? 'true' : 'false'}
            data-testid="webhook-url"
          />
          <FieldError error={create.error()} path="url" />
        </div>
        <div class="field">
          <label for="webhook-description">{t('webhooks.description')}</label>
          <input
            id="webhook-description"
            type="text"
            maxLength={200}
            value={description()}
            onInput={(e) => setDescription(e.currentTarget.value)}
            data-testid="webhook-description"
          />
          <FieldError error={create.error()} path="description" />
        </div>
        <EventTypePicker
          idPrefix="webhook-new"
          selected={types()}
          onChange={setTypes}
          includeCharges={includeCharges()}
          onIncludeCharges={setIncludeCharges}
        />
        <FieldError error={create.error()} path="eventTypes" />
      </fieldset>
      <FormAlert error={create.error()} paths={['url', 'description', 'eventTypes']} />
      <button type="submit" disabled={create.busy()} data-testid="webhook-create-submit">
        {t('webhooks.create')}
      </button>
    </form>
  );
}
