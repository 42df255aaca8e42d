/**
 * A labelled input for a decimal-string amount ("1234.56"). It validates with the same
 * valibot schema the API uses (PositiveAmount), so the reason shown under the field is the
 * one the server would give, in the same words; an API error for the field (`error`, already
 * in words) takes precedence.
 * The reason appears once the field was edited or left, or when the form says `touched`.
 *
 * People may type amounts as they write them ("1,000.50", full-width "１，０００"): the field
 * keeps what was typed on screen and hands the parent the wire form ("1000.50"), so every
 * form that uses it accepts separators without knowing about them.
 */
import { createEffect, createMemo, createSignal, on, Show } from 'solid-js';
import * as v from 'valibot';
import { fieldIssuesOf } from '../../../common/issues.ts';
import { normalizeAmountInput } from '../../../common/money.ts';
import { PositiveAmount } from '../../../common/schemas.ts';
import { issueText } from '../lib/errors.ts';
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
