/**
 * Field issues: what is wrong with one input field, as a stable code plus parameters.
 *
 * This table is the one list of field-issue codes. Each entry has the English reason the API
 * sends (for people reading the raw response; `{name}` is filled from the parameters) and the
 * parameters every issue of that code carries. The web client owns the words it shows, in
 * both languages, keyed by the same codes (client/src/i18n/errors.ts).
 *
 * Valibot schemas in common/ pass a code as the message of every action and schema
 * (`v.maxLength(200, ISSUE.TEXT_TOO_LONG)`); `fieldIssuesOf` turns valibot's issues into
 * field issues, reading the limits (max, min, options) from the issue itself, so a limit is
 * written once, in the schema. What names no code gets one by rule: a missing value is
 * REQUIRED, a variant tag matching no option NOT_ONE_OF, another wrong type WRONG_TYPE.
 *
 * Parameter names follow the wire's units-last rule: `…Amount` is money as a decimal string,
 * `…AtMs` an instant in epoch milliseconds; other numbers are counts.
 */
import * as v from 'valibot';
import { MAX_AMOUNT_FEN, fenToAmount } from './money.ts';
import { CARD_STEP_FEN } from './tiers.ts';

/** Parameters of an error: plain JSON, money as decimal strings, times as epoch ms. */
export type ErrorParams = Readonly<Record<string, string | number | readonly string[]>>;

interface IssueEntry {
  /** The English reason on the wire; `{name}` placeholders come from the parameters. */
  readonly en: string;
  /** Parameters every issue of this code carries (limits fixed by the product). */
  readonly params?: ErrorParams;
}

const CARD_STEP = fenToAmount(CARD_STEP_FEN);

export const FIELD_ISSUES = {
  // Any field.
  REQUIRED: { en: 'must not be empty' },
  WRONG_TYPE: { en: 'must be a {expected}' },
  NOT_ONE_OF: { en: 'must be one of {options}' },
  INVALID: { en: 'is not valid' },
  // Text.
  TEXT_TOO_LONG: { en: 'must be at most {max} characters' },
  TEXT_TOO_SHORT: { en: 'must be at least {min} characters' },
  TEXT_CONTROL_CHARACTERS: { en: 'must not contain control characters' },
  TEXT_BROKEN_CHARACTERS: { en: 'must not contain unpaired surrogates (broken characters)' },
  KEY_FORMAT: {
    en: 'may contain only letters, digits and . _ : - and must start with a letter or digit',
  },
  EMAIL_FORMAT: { en: 'must be an email address' },
  TAX_ID_FORMAT: {
    en: 'must be {lengths} digits or capital letters',
    params: { lengths: '15, 18 or 20' },
  },
  PHONE_FORMAT: { en: 'must be a phone number such as "021-12345678"' },
  BANK_ACCOUNT_FORMAT: { en: 'must be 8 to 40 digits (spaces or dashes between)' },
  REQUIRED_FOR_SPECIAL_INVOICE: { en: 'is required for a special VAT invoice' },
  INVOICE_NUMBER_FORMAT: {
    en: 'must be {min} to {max} letters, digits or dashes',
    params: { min: 8, max: 32 },
  },
  // Numbers and lists.
  NOT_WHOLE_NUMBER: { en: 'must be a whole number' },
  NUMBER_TOO_SMALL: { en: 'must be at least {min}' },
  NUMBER_TOO_LARGE: { en: 'must be at most {max}' },
  LIST_TOO_SHORT: { en: 'must hold at least {min} items' },
  LIST_TOO_LONG: { en: 'must hold at most {max} items' },
  LIST_DUPLICATES: { en: 'must not name the same item twice' },
  // Money.
  AMOUNT_FORMAT: {
    en:
      'must be a non-negative decimal string with at most two decimals, such as "12.34" ' +
      '(no exponent)',
  },
  AMOUNT_TOO_MANY_DECIMALS: {
    en: 'must have at most two decimals',
    params: { maxDecimals: 2 },
  },
  AMOUNT_NOT_POSITIVE: { en: 'must be greater than zero' },
  AMOUNT_TOO_LARGE: {
    en: 'must not exceed {maxAmount}',
    params: { maxAmount: fenToAmount(MAX_AMOUNT_FEN) },
  },
  /** A limit of this request or this account, e.g. what is left to invoice. */
  ABOVE_LIMIT: { en: 'must not exceed {maxAmount}' },
  CARD_DENOMINATION: {
    en: 'must be a multiple of {stepAmount} and at least {minAmount}',
    params: { stepAmount: CARD_STEP, minAmount: CARD_STEP },
  },
  // Times.
  PERIOD_END_BEFORE_START: { en: 'must not be before periodStartMs' },
  VALIDITY_END_NOT_AFTER_START: { en: 'must be after validFromMs' },
  ALREADY_PAST: { en: 'is already past' },
  IN_FUTURE: { en: 'must not be in the future' },
  VALIDITY_END_BEFORE_CODE_DEADLINE: {
    en: 'must be after codeDeadlineMs, or codes activated late would be expired',
  },
  // Checked against stored data.
  PASSWORD_WRONG: { en: 'is wrong' },
  PASSWORD_UNCHANGED: { en: 'must differ from the current password' },
  ALREADY_USED: { en: 'is already used by another invoice' },
  ALREADY_BOUND: { en: 'is already bound to another account' },
  NOT_THIS_CLOUD_ACCOUNT: { en: 'is not the cloud account this workspace settles through' },
  CURSOR_INVALID: { en: 'is not a cursor this API returned' },
  WEBHOOK_URL_NOT_ALLOWED: {
    en: 'must be an https URL (http only to a loopback address outside production)',
  },
  REFERENCE_UNKNOWN: { en: 'matches no account' },
  CODE_FORMAT: {
    en: 'must be {length} characters from the code alphabet',
    params: { length: 22 },
  },
  CODE_CHECK_CHARACTER: { en: 'has a typo: its check character does not match' },
} as const satisfies Record<string, IssueEntry>;

export type FieldIssueCode = keyof typeof FIELD_ISSUES;

/** Every field-issue code, for documentation and for the client's completeness test. */
export const FIELD_ISSUE_CODES = Object.keys(FIELD_ISSUES) as FieldIssueCode[];

/** The codes by name, for schema messages: `v.email(ISSUE.EMAIL_FORMAT)`. */
export const ISSUE = Object.fromEntries(FIELD_ISSUE_CODES.map((code) => [code, code])) as {
  readonly [K in FieldIssueCode]: K;
};

/** A problem with one input field: where, which code, its parameters, and the reason. */
export interface FieldIssue {
  /** Dotted path of the field (`validity.expiresAtMs`, `charges.0.amount`), `(input)` for all. */
  readonly path: string;
  readonly code: FieldIssueCode;
  readonly params: ErrorParams;
  /** The reason in English, for the raw API; the client shows its own words for `code`. */
  readonly message: string;
}

export function isFieldIssueCode(value: unknown): value is FieldIssueCode {
  return typeof value === 'string' && Object.hasOwn(FIELD_ISSUES, value);
}

/** A field issue with its English reason; fixed parameters of the code are added. */
export function fieldIssue(
  path: string,
  code: FieldIssueCode,
  params: ErrorParams = {},
): FieldIssue {
  const entry: IssueEntry = FIELD_ISSUES[code];
  const all = { ...entry.params, ...params };
  return { path, code, params: all, message: fillTemplate(entry.en, all) };
}

/** `{name}` placeholders filled from `params`; lists joined with commas, each quoted. */
export function fillTemplate(template: string, params: ErrorParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return Array.isArray(value) ? value.map((item) => `"${item}"`).join(', ') : String(value);
  });
}

type AnyIssue = v.BaseIssue<unknown>;

/** Valibot's issues as field issues (see the module comment). */
export function fieldIssuesOf(issues: readonly AnyIssue[]): FieldIssue[] {
  return issues.map((issue) =>
    fieldIssue(v.getDotPath(issue) ?? '(input)', codeOf(issue), paramsOf(issue)),
  );
}

function codeOf(issue: AnyIssue): FieldIssueCode {
  // A key that is missing altogether reports the object's type; the field is what is missing.
  if (issue.received === 'undefined') return 'REQUIRED';
  if (isFieldIssueCode(issue.message)) return issue.message;
  // Schemas that name no code: a variant's tag matching no option, or a value of another type.
  if (issue.type === 'variant') return 'NOT_ONE_OF';
  return issue.kind === 'schema' ? 'WRONG_TYPE' : 'INVALID';
}

/** Limits read from the issue: valibot keeps the action's requirement and the input. */
function paramsOf(issue: AnyIssue): ErrorParams {
  const requirement = issue.requirement;
  const input = issue.input;
  switch (issue.type) {
    case 'max_length':
      return { max: Number(requirement), ...lengthOf(input) };
    case 'min_length':
      return { min: Number(requirement), ...lengthOf(input) };
    case 'max_value':
      return { max: Number(requirement), ...numberOf(input) };
    case 'min_value':
      return { min: Number(requirement), ...numberOf(input) };
    case 'picklist':
    case 'literal':
    case 'variant':
      return { options: quotedValues(issue.expected) };
    default:
      return issue.kind === 'schema' && issue.received !== 'undefined'
        ? { expected: (issue.expected ?? 'value').toLowerCase() }
        : {};
  }
}

function lengthOf(input: unknown): ErrorParams {
  return typeof input === 'string' || Array.isArray(input) ? { actual: input.length } : {};
}

function numberOf(input: unknown): ErrorParams {
  return typeof input === 'number' && Number.isFinite(input) ? { actual: input } : {};
}

/** `("admin" | "viewer")` → ["admin", "viewer"]. */
function quotedValues(expected: string | null): string[] {
  return [...(expected ?? '').matchAll(/"([^"]*)"/g)].map((match) => match[1] ?? '');
}
