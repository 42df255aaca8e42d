/**
 * The events an endpoint receives: one checkbox per subscribable type (the closed list in
 * common/webhooks.ts), "select all", and the separate opt-in for charge events, which are
 * many and arrive batched.
 */
import { For } from 'solid-js';
import { SUBSCRIBABLE_EVENT_TYPES } from '../../../../common/webhooks.ts';
import type { EventType } from '../../../../common/events.ts';
import { t } from '../../lib/i18n.ts';

export function EventTypePicker(props: {
  idPrefix: string;
  selected: readonly EventType[];
  onChange: (selected: EventType[]) => void;
  includeCharges: boolean;
  onIncludeCharges: (on: boolean) => void;
}) {
  const has = (type: EventType) => props.selected.includes(type);
  const allSelected = () => SUBSCRIBABLE_EVENT_TYPES.every(has);
  const toggle = (type: EventType, on: boolean) =>
    props.onChange(
      SUBSCRIBABLE_EVENT_TYPES.filter((candidate) => (candidate === type ? on : has(candidate))),
    );
  return (
    <>
      <fieldset class="event-types" data-testid="webhook-event-types">
        <legend>{t('webhooks.eventTypes')}</legend>
        <label class="check">
          <input
            type="checkbox"
            checked={allSelected()}
            onChange={(e) =>
              props.onChange(e.currentTarget.checked ? [...SUBSCRIBABLE_EVENT_TYPES] : [])
            }
            data-testid="webhook-select-all"
          />{' '}
          {t('webhooks.selectAll')}
        </label>
        <div class="event-type-grid">
          <For each={SUBSCRIBABLE_EVENT_TYPES}>
            {(type) => (
              <label class="check">
                <input
                  type="checkbox"
                  id={`${props.idPrefix}-${type}`}
                  value={type}
                  checked={has(type)}
                  onChange={(e) => toggle(type, e.currentTarget.checked)}
                  data-testid="webhook-event-type"
                />{' '}
                {t(`event.${type}`)} <code class="muted small">{type}</code>
              </label>
            )}
          </For>
        </div>
      </fieldset>
      <label class="check">
        <input
          type="checkbox"
          checked={props.includeCharges}
          onChange={(e) => props.onIncludeCharges(e.currentTarget.checked)}
          data-testid="webhook-include-charges"
        />{' '}
        {t('webhooks.includeCharges')}
      </label>
      <p class="muted small">{t('webhooks.includeChargesHint')}</p>
    </>
  );
}
