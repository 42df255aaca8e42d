/**
 * Every error the API can return has words in both languages, and the UI shows them with
 * money and times formatted: the domain codes of common/errors.ts and the field-issue codes
 * of common/issues.ts are enumerated from their one list, so a new code without a Chinese or
 * an English text fails here. The Chinese texts carry no English words.
 */
import { cleanup, render, screen } from '@solidjs/testing-library';
import { TRPCClientError } from '@trpc/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DOMAIN_ERROR_CODES } from '../../common/errors.ts';
import { FIELD_ISSUE_CODES, fieldIssue, type ErrorParams } from '../../common/issues.ts';
import { FieldError, FormAlert } from '../../client/src/console/form.tsx';
import { dictionaries } from '../../client/src/i18n/index.ts';
import { errorText } from '../../client/src/lib/errors.ts';
import { setLanguage } from '../../client/src/lib/i18n.ts';

const KEYS = [
  ...DOMAIN_ERROR_CODES.map((code) => `error.${code}`),
  ...FIELD_ISSUE_CODES.map((code) => `issue.${code}`),
  'error.network',
];

/** Latin letters outside `{placeholders}`: English words left in a Chinese text. */
function latinWords(text: string): string[] {
  return text.replace(/\{\w+\}/g, '').match(/[A-Za-z]+/g) ?? [];
}

/** An error as the typed client raises it from the API's answer. */
function apiError(domainCode: string, params: ErrorParams, issues = [] as unknown[]) {
  return TRPCClientError.from({
    error: {
      message: 'the API’s English message, never shown',
      code: -32600,
      data: { code: 'BAD_REQUEST', httpStatus: 400, domainCode, params, issues },
    },
  });
}

describe('error texts', () => {
  afterEach(cleanup);

  it('enumerates the codes from their lists', () => {
    expect(DOMAIN_ERROR_CODES).toContain('INSUFFICIENT_CASH');
    expect(DOMAIN_ERROR_CODES).toContain('INTERNAL');
    expect(FIELD_ISSUE_CODES).toContain('AMOUNT_TOO_MANY_DECIMALS');
    expect(FIELD_ISSUE_CODES).toContain('TEXT_CONTROL_CHARACTERS');
  });

  it.each(['en', 'zh'] as const)('has a %s text for every code', (language) => {
    const missing = KEYS.filter((key) => !dictionaries[language][key]?.trim());
    expect(missing).toEqual([]);
  });

  it('speaks no English in the Chinese texts', () => {
    const english = KEYS.map((key) => [key, latinWords(dictionaries.zh[key] ?? '')] as const)
      .filter(([, words]) => words.length > 0)
      .map(([key, words]) => `${key}: ${words.join(' ')}`);
    expect(english).toEqual([]);
  });

  it('uses in both languages the same parameters', () => {
    const names = (text = '') => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const differing = KEYS.filter(
      (key) => names(dictionaries.en[key]).join() !== names(dictionaries.zh[key]).join(),
    );
    expect(differing).toEqual([]);
  });

  it('has no developer-speak in the amount reasons', () => {
    for (const language of ['en', 'zh'] as const) {
      const text = Object.values(dictionaries[language]).join('\n');
      expect(text).not.toMatch(/exponent|指数/);
    }
  });
});

describe('errors in the UI', () => {
  beforeEach(() => setLanguage('zh'));
  afterEach(() => {
    cleanup();
    setLanguage('en');
  });

  it('formats money parameters in the UI’s language', () => {
    const error = apiError('INSUFFICIENT_CASH', {
      cashAmount: '24495.15',
      requiredAmount: '30000.00',
      shortfallAmount: '5504.85',
    });
    expect(errorText(error)).toBe(
      '现金余额 ¥24,495.15 不足以支付 ¥30,000.00，请先充值 ¥5,504.85。',
    );
    setLanguage('en');
    expect(errorText(error)).toBe(
      'Cash ¥24,495.15 does not cover ¥30,000.00: top up ¥5,504.85 first.',
    );
  });

  it('formats times in Beijing time', () => {
    const error = apiError('METHOD_CHANGE_LIMIT', { nextChangeAtMs: Date.UTC(2026, 10, 30, 16) });
    expect(errorText(error)).toBe(
      '结算方式每个自然月只能变更一次，2026-12-01 00:00 起可再次变更。',
    );
  });

  it('shows a field issue by its field, and the rest in an alert', () => {
    const error = apiError('INVOICE_ABOVE_INVOICEABLE', { availableAmount: '28504.85' }, [
      fieldIssue('amount', 'ABOVE_LIMIT', { maxAmount: '28504.85' }),
    ]);
    render(() => (
      <>
        <FieldError error={error} path="amount" />
        <FormAlert error={error} paths={['title']} />
      </>
    ));
    expect(screen.getByTestId('error-amount').textContent).toBe('金额不能超过 ¥28,504.85。');
    expect(screen.getByRole('alert').textContent).toBe(
      '最多可开票 ¥28,504.85。金额不能超过 ¥28,504.85。',
    );
  });

  it('says the server cannot be reached when a request got no answer', () => {
    const offline = TRPCClientError.from(new TypeError('Failed to fetch'));
    expect(errorText(offline)).toBe('无法连接服务器，请检查网络连接后重试。');
    expect(errorText(new Error('a bug in the page'))).toBe('出错了');
  });
});
