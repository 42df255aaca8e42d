/**
 * The runway in words, in the UI's language: "lasts about 6 days, until 8 Dec at this rate" /
 * "按当前速度约可用 6 天，至 12月8日". No I/O: a component test reads it directly.
 */
import { language, t, type Language } from '../../../lib/i18n.ts';

const SHORT_DATE: Record<Language, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai',
    day: 'numeric',
    month: 'short',
  }),
  zh: new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    day: 'numeric',
    month: 'long',
  }),
};

/** "8 Dec" or "12月8日", in Shanghai; the year only when it is not the one of `nowMs`. */
export function shortDate(ms: number, language: Language, nowMs: number): string {
  const sameYear =
    new Date(ms + 8 * 3_600_000).getUTCFullYear() ===
    new Date(nowMs + 8 * 3_600_000).getUTCFullYear();
  if (sameYear) return SHORT_DATE[language].format(new Date(ms));
  return new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: 'Asia/Shanghai',
    day: 'numeric',
    month: language === 'zh' ? 'long' : 'short',
    year: 'numeric',
  }).format(new Date(ms));
}

export interface RunwayEndView {
  readonly days: number | null;
  readonly untilMs: number | null;
}

/**
 * The sentence for one end of the runway, seen at `nowMs`; `family` picks the wording: the
 * headline ("runway", at the 7-day rate) or the line at the 30-day rate ("runway30").
 */
export function runwayText(
  end: RunwayEndView,
  nowMs: number,
  family: 'runway' | 'runway30' = 'runway',
): string {
  if (end.days === null || end.untilMs === null) return t(`${family}.noEnd`);
  const until = shortDate(end.untilMs, language(), nowMs);
  if (end.days === 0) return t(`${family}.today`, { until });
  return t(end.days === 1 ? `${family}.lastsOne` : `${family}.lasts`, { days: end.days, until });
}
