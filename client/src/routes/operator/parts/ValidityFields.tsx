/**
 * The validity of a voucher (issued or from activation codes): a number of days from
 * activation, or fixed dates and times read in Asia/Shanghai.
 */
import { createSignal, Show, type Accessor, type Setter } from 'solid-js';
import { FieldError } from '../../../console/form.tsx';
import { shanghaiDateTimeMs } from '../../../console/shanghai.ts';
import type { Validity } from '../../../console/types.ts';
import { t } from '../../../lib/i18n.ts';

export interface ValidityDraft {
  readonly kind: Accessor<'days' | 'fixed'>;
  readonly setKind: Setter<'days' | 'fixed'>;
  readonly days: Accessor<string>;
  readonly setDays: Setter<string>;
  readonly validFrom: Accessor<string>;
  readonly setValidFrom: Setter<string>;
  readonly expiresAt: Accessor<string>;
  readonly setExpiresAt: Setter<string>;
}

export function createValidityDraft(days = '365'): ValidityDraft {
  const [kind, setKind] = createSignal<'days' | 'fixed'>('days');
  const [dayText, setDays] = createSignal(days);
  const [validFrom, setValidFrom] = createSignal('');
  const [expiresAt, setExpiresAt] = createSignal('');
  return {
    kind,
    setKind,
    days: dayText,
    setDays,
    validFrom,
    setValidFrom,
    expiresAt,
    setExpiresAt,
  };
}

/** The draft as the API takes it; what is not a number is left for the server to name. */
export function draftValidity(draft: ValidityDraft): Validity {
  if (draft.kind() === 'days') return { kind: 'days', days: Number(draft.days()) };
  return {
    kind: 'fixed',
    validFromMs: shanghaiDateTimeMs(draft.validFrom()) ?? Number.NaN,
    expiresAtMs: shanghaiDateTimeMs(draft.expiresAt()) ?? Number.NaN,
  };
}

export const VALIDITY_PATHS = [
  'validity',
  'validity.days',
  'validity.validFromMs',
  'validity.expiresAtMs',
] as const;

export function ValidityFields(props: { draft: ValidityDraft; error: unknown; prefix: string }) {
  const d = () => props.draft;
  return (
    <fieldset class="validity">
      <legend>{t('operator.validity.title')}</legend>
      <div class="radio-row">
        <label class="radio">
          <input
            type="radio"
            name={`${props.prefix}-kind`}
            checked={d().kind() === 'days'}
            onChange={() => d().setKind('days')}
            data-testid={`${props.prefix}-kind-days`}
          />
          {t('operator.validity.days')}
        </label>
        <label class="radio">
          <input
            type="radio"
            name={`${props.prefix}-kind`}
            checked={d().kind() === 'fixed'}
            onChange={() => d().setKind('fixed')}
            data-testid={`${props.prefix}-kind-fixed`}
          />
          {t('operator.validity.fixed')}
        </label>
      </div>
      <Show when={d().kind() === 'fixed'} fallback={<DaysField {...props} />}>
        <label>
          {t('operator.validity.validFrom')}
          <input
            type="datetime-local"
            required
            value={d().validFrom()}
            onInput={(e) => d().setValidFrom(e.currentTarget.value)}
            data-testid={`${props.prefix}-valid-from`}
          />
          <FieldError error={props.error} path="validity.validFromMs" />
        </label>
        <label>
          {t('operator.validity.expiresAt')}
          <input
            type="datetime-local"
            required
            value={d().expiresAt()}
            onInput={(e) => d().setExpiresAt(e.currentTarget.value)}
            data-testid={`${props.prefix}-expires-at`}
          />
          <FieldError error={props.error} path="validity.expiresAtMs" />
        </label>
        <span class="muted hint">{t('console.shanghaiTime')}</span>
      </Show>
    </fieldset>
  );
}

function DaysField(props: { draft: ValidityDraft; error: unknown; prefix: string }) {
  return (
    <label>
      {t('operator.validity.dayCount')}
      <input
        type="number"
        inputmode="numeric"
        min="1"
        max="3660"
        step="1"
        required
        value={props.draft.days()}
        onInput={(e) => props.draft.setDays(e.currentTarget.value)}
        data-testid={`${props.prefix}-days`}
      />
      <FieldError error={props.error} path="validity.days" />
    </label>
  );
}
