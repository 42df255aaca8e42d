/**
 * A labelled input for a decimal-string amount ("1234.56"). It validates with the same
 * valibot schema the API uses (PositiveAmount), so the reason shown under the field is the
 * one the server would give, in the same words; an API error for the field (`error`, already
 * in words) takes precedence.
 * The reason appears once the field was edited or left, or when the form says `touched`.
 */
import { createMemo, createSignal, Show } from 'solid-js';
import * as v from 'valibot';
import { fieldIssuesOf } from '../../../common/issues.ts';
import { PositiveAmount } from '../../../common/schemas.ts';
import { issueText } from '../lib/errors.ts';
import { t } from '../lib/i18n.ts';
import '../account.css';

export interface MoneyInputProps {
  label: string;
  value: string;
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

/** A schema issue of a local check in the current language (see lib/errors.ts). */
export function reasonText(issue: v.BaseIssue<unknown>): string {
  const [shown] = fieldIssuesOf([issue]);
  if (!shown) return t('error.VALIDATION');
  // An empty money field asks for an amount rather than saying "required".
  return shown.code === 'REQUIRED' ? t('components.reason.empty') : issueText(shown);
}

/** Why `value` is not a valid positive amount, in the current language; null if it is. */
export function amountReason(value: string): string | null {
  const result = v.safeParse(PositiveAmount, value);
  return result.success ? null : reasonText(result.issues[0]);
}

export function MoneyInput(props: MoneyInputProps) {
  const [edited, setEdited] = createSignal(false);
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
          value={props.value}
          disabled={props.disabled}
          aria-invalid={shown() ? 'true' : 'false'}
          aria-describedby={shown() ? errorId() : undefined}
          data-testid={testId()}
          onInput={(event) => {
            setEdited(true);
            props.onInput(event.currentTarget.value);
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
