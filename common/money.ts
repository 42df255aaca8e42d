/**
 * Money: exact CNY amounts.
 *
 * Invariants kept here:
 * - At rest and inside the engine an amount is an integer number of fen (1 CNY = 100 fen),
 *   always a safe integer, never a fraction.
 * - On the wire an amount is a decimal string with at most two decimals ("1234.56").
 * - Every arithmetic step goes through big.js, so no JavaScript float ever carries money.
 */
import Big from 'big.js';

/** Largest single amount the API accepts: 10 billion CNY. Anything above is absurd here. */
export const MAX_AMOUNT_FEN = 1_000_000_000_000;

/** Largest balance the engine will ever hold; far below 2^53 so sums stay exact. */
const MAX_BALANCE_FEN = 1_000_000_000_000_000;

const DECIMAL_PATTERN = /^(0|[1-9][0-9]*)(\.[0-9]{1,2})?$/;
/** More integer digits than this is too large whatever they are; spares parsing them. */
const MAX_INTEGER_DIGITS = 16;

export type AmountProblem = 'format' | 'too_large';

/**
 * Parses a wire amount into fen, or says why it cannot. Negative numbers, exponent
 * notation, NaN, more than two decimals and absurdly large values are all refused.
 */
export function parseAmountFen(text: string):
  | { ok: true; fen: number }
  | {
      ok: false;
      problem: AmountProblem;
    } {
  if (!DECIMAL_PATTERN.test(text)) return { ok: false, problem: 'format' };
  if ((text.split('.')[0] ?? '').length > MAX_INTEGER_DIGITS)
    return { ok: false, problem: 'too_large' };
  const fen = new Big(text).times(100);
  if (fen.gt(MAX_AMOUNT_FEN)) return { ok: false, problem: 'too_large' };
  return { ok: true, fen: fen.toNumber() };
}

/**
 * Whether `text` is a well-formed decimal but for having more than two decimals ("12.345"):
 * a reason of its own, so people are told what to change rather than that the format is off.
 */
export function hasTooManyDecimals(text: string): boolean {
  return /^(0|[1-9][0-9]*)\.[0-9]{3,}$/.test(text);
}

const FULL_WIDTH_DIGITS = /[\uFF10-\uFF19]/g;
const GROUPED = /^[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?$/;

/**
 * What a person typed, in the wire form when it is an amount written the way people write
 * them: thousands separators in the right places ("1,000.50"), full-width digits and
 * punctuation from a Chinese input method ("１，０００．５０"), a currency sign, surrounding
 * spaces. Anything else comes back as typed (trimmed), so validation still says what is
 * wrong with it: misplaced separators ("1,00") are not guessed at.
 */
export function normalizeAmountInput(typed: string): string {
  const text = typed
    .replace(FULL_WIDTH_DIGITS, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(/\uFF0C/g, ',')
    .replace(/[\uFF0E\u3002]/g, '.')
    .replace(/^[\s\u3000]*[¥\uFFE5]?[\s\u3000]*|[\s\u3000]+$/g, '');
  return GROUPED.test(text) ? text.replace(/,/g, '') : text;
}

/** Like parseAmountFen, for values already validated at the edge of the system. */
export function amountToFen(text: string): number {
  const parsed = parseAmountFen(text);
  if (!parsed.ok) throw new RangeError(`not a valid amount: ${JSON.stringify(text)}`);
  return parsed.fen;
}

/** Fen to the wire form: always two decimals, no grouping ("1234.50"). */
export function fenToAmount(fen: number): string {
  assertFen(fen);
  return new Big(fen).div(100).toFixed(2);
}

/** Fen for people: thousands separators and two decimals ("1,234.50"). */
export function formatFen(fen: number): string {
  const plain = fenToAmount(Math.abs(fen));
  const [whole = '0', cents = '00'] = plain.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fen < 0 ? '-' : ''}${grouped}.${cents}`;
}

export function addFen(a: number, b: number): number {
  return checked(new Big(a).plus(b));
}

export function subFen(a: number, b: number): number {
  return checked(new Big(a).minus(b));
}

export function negateFen(a: number): number {
  return checked(new Big(a).neg());
}

export function sumFen(values: readonly number[]): number {
  let total = new Big(0);
  for (const value of values) total = total.plus(value);
  return checked(total);
}

/** `fen` times a whole number (a quantity). */
export function timesFen(fen: number, times: number): number {
  return checked(new Big(fen).times(times));
}

export function isMultipleOfFen(fen: number, stepFen: number): boolean {
  return new Big(fen).mod(stepFen).eq(0);
}

export function minFen(a: number, b: number): number {
  return new Big(a).lte(b) ? a : b;
}

export function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen) || Math.abs(fen) > MAX_BALANCE_FEN) {
    throw new RangeError(`not an integer fen amount: ${fen}`);
  }
}

function checked(value: Big): number {
  // `+ 0` turns a negative zero into zero.
  const fen = value.toNumber() + 0;
  assertFen(fen);
  return fen;
}
