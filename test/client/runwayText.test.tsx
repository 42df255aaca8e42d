/**
 * The runway and notifications in words, in both languages: the sentence the overview shows
 * for an end ("lasts about 6 days, until 8 Dec"), with the year only when it is another one,
 * and a notification's sentence from its kind and data (amounts as money).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../client/src/lib/i18n.ts';
import { noticeText } from '../../client/src/routes/account/notifications/noticeText.ts';
import { runwayText } from '../../client/src/routes/account/runway/runwayText.ts';

const DAY_MS = 86_400_000;
// 2026-12-02 10:00 in Shanghai.
const NOW_MS = Date.UTC(2026, 11, 2, 2);

afterEach(() => setLanguage('en'));

describe('runwayText', () => {
  it.each([
    // language  days  until (days from now)  shown
    ['en', 6, 6.5, 'Lasts about 6 days, until 8 Dec at this rate'],
    ['zh', 6, 6.5, '按当前速度约可用 6 天，至 12月8日'],
    ['en', 1, 1.2, 'Lasts about 1 day, until 3 Dec at this rate'],
    ['en', 0, 0.3, 'Runs out today (2 Dec) at this rate'],
    ['en', 43, 43, 'Lasts about 43 days, until 14 Jan 2027 at this rate'],
    ['zh', 43, 43, '按当前速度约可用 43 天，至 2027年1月14日'],
  ] as const)('%s, %i days: %s', (language, days, untilDays, shown) => {
    setLanguage(language);
    expect(runwayText({ days, untilMs: NOW_MS + untilDays * DAY_MS }, NOW_MS)).toBe(shown);
  });

  it('words the 30-day line on its own', () => {
    const end = { days: 184, untilMs: NOW_MS + 184.2 * DAY_MS };
    expect(runwayText(end, NOW_MS, 'runway30')).toBe(
      'At the last 30 days’ rate: about 184 days, until 4 Jun 2027',
    );
    setLanguage('zh');
    expect(runwayText(end, NOW_MS, 'runway30')).toBe(
      '按近 30 天速度约可用 184 天，至 2027年6月4日',
    );
  });

  it('says there is no end when nothing the wallet pays is spent', () => {
    expect(runwayText({ days: null, untilMs: null }, NOW_MS)).toBe('No end in sight at this rate');
    setLanguage('zh');
    expect(runwayText({ days: null, untilMs: null }, NOW_MS)).toBe('按当前速度暂无用完之虞');
  });
});

describe('noticeText', () => {
  it.each([
    [
      'en',
      'balance_below',
      { value: '40.00', threshold: '50.00' },
      'Usable money is ¥40.00, below your alert of ¥50.00.',
    ],
    [
      'zh',
      'balance_below',
      { value: '1234.50', threshold: '5000.00' },
      '可用金额为 ¥1,234.50，低于提醒金额 ¥5,000.00。',
    ],
    [
      'en',
      'runway_below',
      { value: 5, threshold: 7 },
      'The money lasts about 5 days, below your alert of 7 days.',
    ],
    [
      'zh',
      'webhook.endpoint_disabled',
      { url: 'https://crm.example', failures: 9 },
      'Webhook 端点（https://crm.example）连续 9 次投递失败，已停用。',
    ],
    ['en', 'something.new', {}, 'Something happened: something.new.'],
  ] as const)('%s %s', (language, kind, data, shown) => {
    setLanguage(language);
    expect(noticeText(kind, data)).toBe(shown);
  });
});
