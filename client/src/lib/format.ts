/**
 * Formatting for people: money with two decimals and thousands separators, times in
 * Asia/Shanghai. Money arrives as decimal strings and is never turned into a float.
 */
import { walletNowMs } from './clock.ts';
import { amountToFen, formatFen } from '../../../common/money.ts';

/** "1234.5" → "1,234.50"; negative amounts keep their sign. */
export function money(amount: string): string {
  const negative = amount.startsWith('-');
  const fen = amountToFen(negative ? amount.slice(1) : amount);
  return formatFen(negative ? -fen : fen);
}

/** Money with its currency, e.g. "¥1,234.50". */
export function cny(amount: string): string {
  const text = money(amount);
  return text.startsWith('-') ? `-¥${text.slice(1)}` : `¥${text}`;
}

const dateTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

const dateOnly = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** "2026-11-26 20:30" in Asia/Shanghai. */
export function time(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '—' : dateTime.format(new Date(ms));
}

/** "2026-11-26" in Asia/Shanghai. */
export function date(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '—' : dateOnly.format(new Date(ms));
}

/** Whole days from now until `ms`, rounded up; never negative. */
export function daysUntil(ms: number, nowMs: number = walletNowMs()): number {
  return Math.max(0, Math.ceil((ms - nowMs) / 86_400_000));
}
