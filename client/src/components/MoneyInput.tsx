/**
 * A labelled input for a decimal-string amount ("1234.56"). It validates with the same
 * valibot schema the API uses (PositiveAmount), so the reason shown under the field is the
 * reason the server would give; an API error for the field (`error`) takes precedence.
 * The reason appears once the field was edited or left, or when the form says `touched`.
 *
 * People may type amounts as they write them ("1,000.50", full-width "１，０００"): the field
 * keeps what was typed on screen and hands the parent the wire form ("1000.50"), so every
 * form that uses it accepts separators without knowing about them.
 */
import { createEffect, createMemo, createSignal, on, Show } from 'solid-js';
import * as v from 'valibot';
import { MAX_AMOUNT_FEN, fenToAmount, normalizeAmountInput } from '../../../common/money.ts';
import { PositiveAmount } from '../../../common/schemas.ts';
import { cny } from '../lib/format.ts';
import { t } from '../lib/i18n.ts';
import '../account.css';

export interface MoneyInputProps {
  label: string;
  /** The amount in the wire form; the field may show it as typed ("1,000" for "1000"). */
  value: string;
  /** Called with the typed text in the wire form when it is an amount, else as typed. */
  onInput: (value: string) => void;
  /** An API error for this field; shown instead of the local reason. */
  error?: string | undefined;
  name: string;
  id: string;
  /** Show the local reason even before the field was edited (e.g. after a submit). */
  touched?: boolean;
  disabled?: boolean;
  testId?: string;
}

/** Known schema messages, as dictionary keys; anything else is shown as the API wrote it. */
const REASONS: Record<string, string> = {
  'must be a decimal string such as "12.34"': 'components.reason.notString',
  'must not be empty': 'components.reason.empty',
  'must be a non-negative decimal with at most two decimals, such as "12.34" (no exponent)':
    'components.reason.format',
  'must be greater than zero': 'components.reason.positive',
  'must be a multiple of 100.00 and at least 100.00': 'components.reason.cardStep',
  'must be a number': 'components.reason.number',
  'must be a whole number': 'components.reason.integer',
};

/** A schema message in the current language. */
export function reasonText(message: string): string {
  const key = REASONS[message];
  if (key) return t(key);
  if (message.startsWith('must not exceed')) {
    return t('components.reason.tooLarge', { max: cny(fenToAmount(MAX_AMOUNT_FEN)) });
  }
  const bound = /^must be at (least|most) (\d+)$/.exec(message);
  if (bound) return t(`components.reason.${bound[1]}`, { n: bound[2] ?? '' });
  return message;
}

/** Why `value` is not a valid positive amount, in the current language; null if it is. */
export function amountReason(value: string): string | null {
  const result = v.safeParse(PositiveAmount, value);
  return result.success ? null : reasonText(result.issues[0].message);
}

export function MoneyInput(props: MoneyInputProps) {
  const [edited, setEdited] = createSignal(false);
  const [typed, setTyped] = createSignal(props.value);
  // The parent set another amount (a reset, a suggested amount): show that instead.
  createEffect(
    on(
      () => props.value,
      (value) => {
        if (normalizeAmountInput(typed()) !== value) setTyped(value);
      },
      { defer: true },
    ),
  );
  const localReason = createMemo(() =>
    edited() || props.touched ? amountReason(props.value) : null,
  );
  const shown = () => props.error ?? localReason();
  const errorId = () => `${props.id}-error`;
  const testId = () => props.testId ?? props.id;

  return (
    <div class="field money-input">
      <label for={props.id}>{props.label}</label>
      <div class="money-box">
        <span class="currency" aria-hidden="true">
          ¥
        </span>
        <input
          id={props.id}
          name={props.name}
          type="text"
          inputmode="decimal"
          autocomplete="off"
          spellcheck={false}
          value={typed()}
          disabled={props.disabled}
          aria-invalid={shown() ? 'true' : 'false'}
          aria-describedby={shown() ? errorId() : undefined}
          data-testid={testId()}
          onInput={(event) => {
            setEdited(true);
            setTyped(event.currentTarget.value);
            props.onInput(normalizeAmountInput(event.currentTarget.value));
          }}
          onBlur={() => setEdited(true)}
        />
      </div>
      <Show when={shown()}>
        {(message) => (
          <span class="field-error" id={errorId()} data-testid={`${testId()}-error`}>
            {message()}
          </span>
        )}
      </Show>
    </div>
  );
}
