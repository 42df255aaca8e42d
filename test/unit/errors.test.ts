/**
 * Errors as data, without a server: every schema of common/schemas.ts names a code for every
 * way its input can be wrong (none falls back to INVALID or to valibot's English), the
 * limits come back as parameters, an unexpected error keeps its details to the server, and
 * docs/API.md has a table row for every code.
 */
import { readFileSync } from 'node:fs';
import { TRPCError } from '@trpc/server';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { DOMAIN_ERROR_CODES, DomainError } from '../../common/errors.ts';
import { FIELD_ISSUE_CODES, fieldIssuesOf, type FieldIssue } from '../../common/issues.ts';
import * as schemas from '../../common/schemas.ts';
import { errorDataOf } from '../../server/trpc/errors.ts';

type Schema = v.GenericSchema;

const SCHEMAS: [string, Schema][] = Object.entries(schemas as Record<string, unknown>).flatMap(
  ([name, value]) => (isSchema(value) ? [[name, value]] : []),
);

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && '~standard' in value;
}

/** The keys of an object schema, also when it is the first step of a pipe. */
function keysOf(schema: Schema): string[] {
  const candidate = schema as { entries?: object; pipe?: readonly Schema[] };
  if (candidate.entries) return Object.keys(candidate.entries);
  const first = candidate.pipe?.[0];
  return first && first !== schema ? keysOf(first) : [];
}

/** Every field set to `value`; strings and numbers of every shape that can be wrong. */
const WRONG_VALUES: readonly unknown[] = [
  { an: 'object' },
  'x'.repeat(10_000),
  '',
  -1.5,
  Number.MAX_SAFE_INTEGER * 4,
  '12.345',
  ['a', 'list'],
  true,
];

function issuesFor(schema: Schema, input: unknown): FieldIssue[] {
  const result = v.safeParse(schema, input);
  return result.success ? [] : fieldIssuesOf(result.issues);
}

describe('every schema names its codes', () => {
  it('finds the schemas', () => {
    expect(SCHEMAS.map(([name]) => name)).toEqual(
      expect.arrayContaining(['PositiveAmount', 'SettleChargeInput', 'RequestInvoiceInput']),
    );
  });

  it.each(SCHEMAS)('%s: every issue has a code of its own and an English reason', (_, schema) => {
    const inputs: unknown[] = [{}, undefined, ...WRONG_VALUES];
    for (const value of WRONG_VALUES) {
      inputs.push(Object.fromEntries(keysOf(schema).map((key) => [key, value])));
    }
    const issues = inputs.flatMap((input) => issuesFor(schema, input));
    expect(issues.length).toBeGreaterThan(0);
    const vague = issues.filter(
      (issue) => issue.code === 'INVALID' || /Invalid|Expected/.test(issue.message),
    );
    expect(vague).toEqual([]);
  });

  it('reports a missing field as REQUIRED and a wrong variant as NOT_ONE_OF', () => {
    expect(issuesFor(schemas.IssueVoucherInput, { validity: { kind: 'weeks' } })).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'accountId', code: 'REQUIRED' }),
        expect.objectContaining({
          path: 'validity.kind',
          code: 'NOT_ONE_OF',
          params: { options: ['fixed', 'days'] },
        }),
      ]),
    );
  });

  it('reads bounds from the action, with the value given', () => {
    expect(issuesFor(schemas.QuoteCardsInput, { denomination: '150', quantity: 101 })).toEqual([
      {
        path: 'denomination',
        code: 'CARD_DENOMINATION',
        params: { stepAmount: '100.00', minAmount: '100.00' },
        message: 'must be a multiple of 100.00 and at least 100.00',
      },
      {
        path: 'quantity',
        code: 'NUMBER_TOO_LARGE',
        params: { max: 100, actual: 101 },
        message: 'must be at most 100',
      },
    ]);
  });
});

describe('the error data of a failure', () => {
  it('keeps an unexpected error to the server: code INTERNAL, no details', () => {
    const error = new TRPCError({
      code: 'INTERNAL_SERVER_ERROR',
      cause: new Error('SQLITE_ERROR: no such table: secrets'),
    });
    expect(errorDataOf(error)).toEqual({
      domainCode: 'INTERNAL',
      params: {},
      issues: [],
      message: 'internal error',
    });
  });

  it('passes a domain error on with its parameters', () => {
    const cause = new DomainError('THROTTLED', 'try again in 42 seconds', [], { retryAfterS: 42 });
    const error = new TRPCError({ code: 'TOO_MANY_REQUESTS', message: cause.message, cause });
    expect(errorDataOf(error)).toEqual({
      domainCode: 'THROTTLED',
      params: { retryAfterS: 42 },
      issues: [],
      message: 'try again in 42 seconds',
    });
  });

  it('gives a field issue written before codes existed the code INVALID', () => {
    const legacy = new DomainError('VALIDATION', 'note: is odd', [
      { path: 'note', message: 'is odd' },
    ]);
    expect(legacy.issues).toEqual([
      { path: 'note', code: 'INVALID', params: {}, message: 'is odd' },
    ]);
  });
});

describe('docs/API.md', () => {
  it('has a row for every domain code and every field-issue code', () => {
    const doc = readFileSync('docs/API.md', 'utf8');
    const codes = [...DOMAIN_ERROR_CODES, ...FIELD_ISSUE_CODES];
    expect(codes.filter((code) => !doc.includes(`\n| \`${code}\` |`))).toEqual([]);
  });
});
