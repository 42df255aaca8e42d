/** Money and time as people see them in the UI. */
import { describe, expect, it } from 'vitest';
import { cny, date, money, time } from '../../client/src/lib/format.ts';

describe('format', () => {
  it.each([
    ['0', '0.00'],
    ['1234.5', '1,234.50'],
    ['1234567.89', '1,234,567.89'],
    ['-34.56', '-34.56'],
    ['-1234.5', '-1,234.50'],
  ])('money(%j) is %j', (amount, shown) => {
    expect(money(amount)).toBe(shown);
  });

  it('prefixes the currency and keeps the sign in front', () => {
    expect(cny('-1000.00')).toBe('-¥1,000.00');
    expect(cny('5')).toBe('¥5.00');
  });

  it('shows times in Asia/Shanghai', () => {
    // 16:30 UTC is 00:30 the next day in Shanghai.
    expect(time(Date.UTC(2026, 10, 26, 16, 30))).toBe('2026-11-27 00:30');
    expect(date(Date.UTC(2026, 10, 26, 16, 30))).toBe('2026-11-27');
    expect(time(null)).toBe('—');
  });
});
