/**
 * Date and time inputs read as Asia/Shanghai wall-clock time (UTC+8 all year, no daylight
 * saving), whatever the browser's own time zone. `<input type="date">` gives "2026-11-26",
 * `<input type="datetime-local">` gives "2026-11-26T20:30"; both become epoch milliseconds.
 */
import { DAY_MS } from '../../../common/time.ts';

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2})?$/;

/** The first instant of a Shanghai calendar day, or null for an empty or malformed input. */
export function shanghaiDayStartMs(text: string): number | null {
  const match = DATE.exec(text);
  if (!match) return null;
  const [, year, month, day] = match.map(Number);
  return utc(year, month, day, 0, 0);
}

/** The first instant after a Shanghai calendar day: "to 2026-11-26" includes all of it. */
export function shanghaiDayEndMs(text: string): number | null {
  const start = shanghaiDayStartMs(text);
  return start === null ? null : start + DAY_MS;
}

/** A datetime-local value read in Shanghai, or null. */
export function shanghaiDateTimeMs(text: string): number | null {
  const match = DATE_TIME.exec(text);
  if (!match) return null;
  const [, year, month, day, hour, minute] = match.map(Number);
  return utc(year, month, day, hour, minute);
}

/** The datetime-local value of an instant, in Shanghai: "2026-11-26T20:30". */
export function shanghaiDateTimeValue(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16);
}

function utc(year = 0, month = 1, day = 1, hour = 0, minute = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute) - SHANGHAI_OFFSET_MS;
}
