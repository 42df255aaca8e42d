/** The number of cards in an order, with the reason it is refused under it. */
import { Show } from 'solid-js';
import { t } from '../../../lib/i18n.ts';

export function QuantityField(props: {
  value: string;
  onInput: (value: string) => void;
  error: string | undefined;
  disabled: boolean;
}) {
  return (
    <div class="field">
      <label for="cards-quantity">{t('cards.quantity')}</label>
      <input
        id="cards-quantity"
        name="quantity"
        type="number"
        inputmode="numeric"
        min="1"
        max="100"
        step="1"
        value={props.value}
        disabled={props.disabled}
        aria-invalid={props.error ? 'true' : 'false'}
        aria-describedby={props.error ? 'cards-quantity-error' : undefined}
        onInput={(event) => props.onInput(event.currentTarget.value)}
        data-testid="cards-quantity"
      />
      <Show when={props.error}>
        {(message) => (
          <span class="field-error" id="cards-quantity-error" data-testid="cards-quantity-error">
            {message()}
          </span>
        )}
      </Show>
    </div>
  );
}
