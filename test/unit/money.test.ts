/**
 * Money: wire strings to integer fen and back, the fen arithmetic, and the valibot schemas
 * that guard amounts and charges at the edge. Every amount here is an integer of fen or a
 * decimal string; the only non-integers are the ones a test feeds in to see them refused.
 */
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  MAX_AMOUNT_FEN,
  addFen,
  amountToFen,
  fenToAmount,
  formatFen,
  negateFen,
  normalizeAmountInput,
  parseAmountFen,
  subFen,
  sumFen,
} from '../../common/money.ts';
import type { AmountProblem } from '../../common/money.ts';
import { fieldIssuesOf } from '../../common/issues.ts';
import { Amount, PositiveAmount, SettleChargeInput } from '../../common/schemas.ts';

/** The largest balance the engine holds (money.ts keeps it private): 10^13 CNY. */
const MAX_BALANCE_FEN = 1_000_000_000_000_000;

describe('parseAmountFen', () => {
  it.each([
    // text               fen
    ['0', 0],
    ['0.00', 0],
    ['0.5', 50],
    ['0.05', 5],
    ['0.01', 1],
    ['12.34', 1234],
    ['1234.5', 123450],
    ['100', 10000],
    ['9999999999.99', 999999999999],
    ['10000000000.00', 1_000_000_000_000], // exactly the limit is still accepted
  ])('accepts %j as %i fen', (text, fen) => {
    const parsed = parseAmountFen(text);
    expect(parsed).toEqual({ ok: true, fen });
    if (parsed.ok) expect(Number.isSafeInteger(parsed.fen)).toBe(true);
  });

  it.each<[string, AmountProblem]>([
    // text               problem
    ['-1', 'format'],
    ['-0.01', 'format'],
    ['1e3', 'format'],
    ['1E3', 'format'],
    ['1.234', 'format'],
    ['0.001', 'format'],
    ['NaN', 'format'],
    ['Infinity', 'format'],
    [' 1', 'format'],
    ['1 ', 'format'],
    ['1,000', 'format'],
    ['', 'format'],
    ['.5', 'format'],
    ['1.', 'format'],
    ['01', 'format'],
    ['00.5', 'format'],
    ['+1', 'format'],
    ['0x10', 'format'],
    ['1.2.3', 'format'],
    ['１２', 'format'], // full-width digits
    ['10000000000.01', 'too_large'], // one fen over the limit
    ['99999999999', 'too_large'],
    ['9999999999999.99', 'too_large'],
  ])('refuses %j (%s)', (text, problem) => {
    expect(parseAmountFen(text)).toEqual({ ok: false, problem });
  });

  it('refuses absurdly long numbers as too large', () => {
    for (const text of [
      '99999999999999',
      '1'.padEnd(40, '0'),
      '9'.repeat(400),
      '1'.repeat(30) + '.5',
    ]) {
      expect(parseAmountFen(text)).toEqual({ ok: false, problem: 'too_large' });
    }
  });
});

describe('amountToFen', () => {
  it('returns the fen of a valid amount', () => {
    expect(amountToFen('1234.56')).toBe(123456);
    expect(amountToFen('0')).toBe(0);
  });

  it.each(['-1', '1e3', '1.234', '', '10000000000.01'])('throws on %j', (text) => {
    expect(() => amountToFen(text)).toThrow(RangeError);
  });
});

describe('fenToAmount', () => {
  it.each([
    // fen                 wire text
    [0, '0.00'],
    [1, '0.01'],
    [50, '0.50'],
    [123450, '1234.50'],
    [123456, '1234.56'],
    [1_000_000_000_000, '10000000000.00'],
    [-1234, '-12.34'],
    [-1, '-0.01'],
    [MAX_BALANCE_FEN, '10000000000000.00'],
  ])('writes %i fen as %j', (fen, text) => {
    expect(fenToAmount(fen)).toBe(text);
  });

  it('never writes a negative zero', () => {
    // negateFen(0) is -0 (see below); it must still read as plain zero.
    expect(fenToAmount(-0)).toBe('0.00');
    expect(fenToAmount(negateFen(0))).toBe('0.00');
  });

  it.each([0.5, 1.25, Number.NaN, Infinity, -Infinity, 2 ** 53, MAX_BALANCE_FEN + 1])(
    'refuses %s, which is not an integer fen amount within bounds',
    (fen) => {
      expect(() => fenToAmount(fen)).toThrow(RangeError);
    },
  );
});

describe('formatFen', () => {
  it.each([
    // fen                 for people
    [0, '0.00'],
    [5, '0.05'],
    [-5, '-0.05'],
    [99999, '999.99'],
    [100000, '1,000.00'],
    [123456789, '1,234,567.89'],
    [-123456789, '-1,234,567.89'],
    [100000000, '1,000,000.00'],
    [1_000_000_000_000, '10,000,000,000.00'],
    [-1_000_000_000_000, '-10,000,000,000.00'],
  ])('formats %i fen as %j', (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });

  it('shows no minus sign on zero', () => {
    expect(formatFen(-0)).toBe('0.00');
    expect(formatFen(negateFen(0))).toBe('0.00');
  });

  it('refuses a fraction of a fen', () => {
    expect(() => formatFen(0.5)).toThrow(RangeError);
  });
});

describe('round trips', () => {
  it('fen → wire text → fen, for every amount the API accepts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_AMOUNT_FEN }), (fen) => {
        expect(parseAmountFen(fenToAmount(fen))).toEqual({ ok: true, fen });
      }),
      { seed: 20261126, numRuns: 1000 },
    );
  });

  it.each([
    ['0.00', '0.00'],
    ['12.34', '12.34'],
    ['10000000000.00', '10000000000.00'],
    ['0', '0.00'],
    ['0.5', '0.50'],
    ['100', '100.00'], // normalised to two decimals
  ])('wire text %j → fen → %j', (text, back) => {
    expect(fenToAmount(amountToFen(text))).toBe(back);
  });
});

describe('fen arithmetic', () => {
  it('adds, subtracts, negates and sums exactly', () => {
    expect(addFen(123456, 1)).toBe(123457);
    expect(addFen(-500, 200)).toBe(-300);
    expect(subFen(1000, 1)).toBe(999);
    expect(subFen(0, 1)).toBe(-1);
    expect(subFen(5, 5)).toBe(0);
    expect(negateFen(1234)).toBe(-1234);
    expect(negateFen(-1234)).toBe(1234);
    expect(sumFen([])).toBe(0);
    expect(sumFen([100, 200, 300, 400, 3450, 20006])).toBe(24456);
    expect(sumFen([MAX_AMOUNT_FEN, MAX_AMOUNT_FEN, -1])).toBe(2 * MAX_AMOUNT_FEN - 1);
  });

  it('negateFen(0) is numerically zero', () => {
    // It is -0 (big.js keeps the sign of zero). Harmless in arithmetic and in JSON, and
    // fenToAmount/formatFen print it as zero; this pins that it is at least zero.
    expect(negateFen(0) === 0).toBe(true);
  });

  it('agrees with BigInt arithmetic and always returns safe integers', () => {
    const fen = fc.integer({ min: -MAX_BALANCE_FEN / 2, max: MAX_BALANCE_FEN / 2 });
    fc.assert(
      fc.property(
        fen,
        fen,
        fc.array(fc.integer({ min: -MAX_AMOUNT_FEN, max: MAX_AMOUNT_FEN })),
        (a, b, list) => {
          const results = [addFen(a, b), subFen(a, b), negateFen(a), sumFen(list)];
          expect(results.map(BigInt)).toEqual([
            BigInt(a) + BigInt(b),
            BigInt(a) - BigInt(b),
            -BigInt(a),
            list.reduce((total, each) => total + BigInt(each), 0n),
          ]);
          for (const result of results) expect(Number.isSafeInteger(result)).toBe(true);
        },
      ),
      { seed: 20261126, numRuns: 1000 },
    );
  });

  it('refuses results beyond the largest balance, or fractions of a fen', () => {
    expect(addFen(MAX_BALANCE_FEN, 0)).toBe(MAX_BALANCE_FEN);
    expect(() => addFen(MAX_BALANCE_FEN, 1)).toThrow(RangeError);
    expect(() => subFen(-MAX_BALANCE_FEN, 1)).toThrow(RangeError);
    expect(() => sumFen([MAX_BALANCE_FEN, 1])).toThrow(RangeError);
    expect(() => addFen(1, 0.5)).toThrow(RangeError);
  });
});

const MAX = { maxAmount: '10000000000.00' };

describe('PositiveAmount', () => {
  const DECIMAL =
    'must be a non-negative decimal string with at most two decimals, such as "12.34" ' +
    '(no exponent)';

  it.each(['0.01', '12.34', '1234.5', '10000000000.00'])('accepts %j', (text) => {
    expect(v.safeParse(PositiveAmount, text)).toMatchObject({ success: true, output: text });
  });

  it.each<[unknown, string, string, Record<string, unknown>]>([
    // input               code                        the reason given                    params
    ['0', 'AMOUNT_NOT_POSITIVE', 'must be greater than zero', {}],
    ['0.00', 'AMOUNT_NOT_POSITIVE', 'must be greater than zero', {}],
    ['-1', 'AMOUNT_FORMAT', DECIMAL, {}],
    ['1e3', 'AMOUNT_FORMAT', DECIMAL, {}],
    ['1.234', 'AMOUNT_TOO_MANY_DECIMALS', 'must have at most two decimals', { maxDecimals: 2 }],
    ['0.001', 'AMOUNT_TOO_MANY_DECIMALS', 'must have at most two decimals', { maxDecimals: 2 }],
    ['NaN', 'AMOUNT_FORMAT', DECIMAL, {}],
    ['', 'REQUIRED', 'must not be empty', {}],
    [12, 'AMOUNT_FORMAT', DECIMAL, { expected: 'string' }],
    [null, 'AMOUNT_FORMAT', DECIMAL, { expected: 'string' }],
    ['10000000000.01', 'AMOUNT_TOO_LARGE', 'must not exceed 10000000000.00', MAX],
    ['99999999999', 'AMOUNT_TOO_LARGE', 'must not exceed 10000000000.00', MAX],
    ['99999999999999', 'AMOUNT_TOO_LARGE', 'must not exceed 10000000000.00', MAX],
  ])('refuses %j: %s', (input, code, message, params) => {
    const result = v.safeParse(PositiveAmount, input);
    expect(result.success).toBe(false);
    expect(result.issues?.map((issue) => issue.message)).toEqual([code]);
    expect(fieldIssuesOf(result.issues ?? [])).toEqual([
      { path: '(input)', code, params, message },
    ]);
  });

  it('Amount, unlike PositiveAmount, accepts zero', () => {
    expect(v.safeParse(Amount, '0').success).toBe(true);
    expect(v.safeParse(Amount, '0.00').success).toBe(true);
  });
});

describe('SettleChargeInput', () => {
  const charge = {
    chargeId: 'charge-1',
    workspaceId: 'ws-1',
    category: 'general',
    amount: '1234.56',
    periodStartMs: 1_795_000_000_000,
    periodEndMs: 1_795_003_600_000,
    description: 'November usage',
  };

  it('accepts a well-formed charge, including an empty period', () => {
    expect(v.safeParse(SettleChargeInput, charge).success).toBe(true);
    const instant = { ...charge, periodEndMs: charge.periodStartMs };
    expect(v.safeParse(SettleChargeInput, instant).success).toBe(true);
  });

  it('refuses a period that ends before it starts, on periodEndMs', () => {
    const result = v.safeParse(SettleChargeInput, {
      ...charge,
      periodEndMs: charge.periodStartMs - 1,
    });
    expect(result.success).toBe(false);
    expect(fieldIssuesOf(result.issues ?? [])).toEqual([
      {
        path: 'periodEndMs',
        code: 'PERIOD_END_BEFORE_START',
        params: {},
        message: 'must not be before periodStartMs',
      },
    ]);
  });

  it('names the field of a bad amount', () => {
    const result = v.safeParse(SettleChargeInput, { ...charge, amount: '1e3' });
    expect(result.issues?.map((issue) => v.getDotPath(issue))).toEqual(['amount']);
  });
});

describe('normalizeAmountInput', () => {
  it.each([
    // typed               wire form (refused later by the schema where it is not an amount)
    ['1,000', '1000'],
    ['1,000.50', '1000.50'],
    ['1,234,567.89', '1234567.89'],
    ['１，０００．５０', '1000.50'], // full-width, from a Chinese input method
    ['12。5', '12.5'], // the ideographic full stop
    ['¥1,000', '1000'],
    ['￥ 88 ', '88'],
    ['\u30001,000\u3000', '1000'], // full-width spaces
    ['1000', '1000'],
    ['1,00', '1,00'], // misplaced separator: not guessed at
    ['1,0000', '1,0000'],
    [',100', ',100'],
    ['1.000,50', '1.000,50'], // the European way is not ours
    ['-1,000', '-1,000'], // a sign stays for the schema to refuse
    ['1e3', '1e3'],
    ['', ''],
  ])('%j → %j', (typed, wire) => {
    expect(normalizeAmountInput(typed)).toBe(wire);
  });

  it('never turns text that is not an amount into one the schema accepts', () => {
    fc.assert(
      fc.property(fc.string(), (typed) => {
        const wire = normalizeAmountInput(typed);
        if (!v.safeParse(Amount, wire).success) return;
        // An accepted result came from digits, at most one point and well-placed separators.
        const plain = typed
          .normalize('NFKC')
          .replace(/[\s¥￥]/g, '')
          .replace(/。/g, '.');
        expect(plain.replace(/,/g, '')).toBe(wire);
        expect(/^[0-9]{1,3}(,[0-9]{3})*(\.[0-9]*)?$|^[0-9]+(\.[0-9]*)?$/.test(plain)).toBe(true);
      }),
      { seed: 20261126, numRuns: 2000 },
    );
  });
});
