/**
 * The depth scan that runs on raw JSON before it is parsed (server/http/jsonDepth.ts):
 * brackets in strings do not count, escapes inside strings are honoured, and the answer
 * agrees with the depth of what JSON.parse builds.
 */
import { describe, expect, it } from 'vitest';
import { nestsDeeperThan } from '../../server/http/jsonDepth.ts';

const open = (n: number) => '['.repeat(n);
const close = (n: number) => ']'.repeat(n);

//  JSON text                                          depth  why
// prettier-ignore
const CASES: readonly (readonly [string, number, string])[] = [
  ['1',                                                  0, 'a scalar'],
  ['"[[[["',                                             0, 'brackets in a string'],
  ['{}',                                                 1, 'an empty object'],
  ['{"a":[{"b":[]}]}',                                   4, 'objects in arrays'],
  ['["\\"[[[["]',                                        1, 'an escaped quote does not end the string'],
  ['["\\\\",[[]]]',                                      3, 'an escaped backslash before the closing quote'],
  ['[{"a":"}}}}"},{"b":"{{{{"}]',                        2, 'braces in strings, either way'],
  [`${open(32)}${close(32)}`,                           32, 'exactly the limit'],
  [`${open(33)}${close(33)}`,                           33, 'one past the limit'],
  [`{"x":"${'['.repeat(1000)}","y":${open(3)}${close(3)}}`, 4, 'a long string of brackets, then real ones'],
];

describe('nestsDeeperThan', () => {
  it.each(CASES)('%s nests %i deep (%s)', (text, depth) => {
    expect(nestsDeeperThan(text, depth)).toBe(false);
    if (depth > 0) expect(nestsDeeperThan(text, depth - 1)).toBe(true);
    expect(depthOf(JSON.parse(text))).toBe(depth);
  });

  it('stops at the first bracket past the limit of 100,000 nested arrays', () => {
    expect(nestsDeeperThan(`${open(100_000)}${close(100_000)}`, 32)).toBe(true);
  });
});

function depthOf(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depthOf));
  if (value !== null && typeof value === 'object') {
    return 1 + Math.max(0, ...Object.values(value).map(depthOf));
  }
  return 0;
}
