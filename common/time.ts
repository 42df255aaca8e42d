/**
 * Calendar arithmetic on epoch milliseconds. The product's calendar is Asia/Shanghai
 * (UTC+8 all year, no daylight saving), so "the same calendar month" and "one year later"
 * are read there. Pure: the current time is always an argument.
 */

export const DAY_MS = 86_400_000;
/** Asia/Shanghai is UTC+8 all year. */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export function addDaysMs(startMs: number, days: number): number {
  return startMs + days * DAY_MS;
}

/** The same wall-clock instant `years` later in Shanghai (29 February becomes 1 March). */
export function addYearsMs(startMs: number, years: number): number {
  const local = new Date(startMs + SHANGHAI_OFFSET_MS);
  local.setUTCFullYear(local.getUTCFullYear() + years);
  return local.getTime() - SHANGHAI_OFFSET_MS;
}

/** "2026-11" for an instant, read in Shanghai. */
export function shanghaiMonthKey(ms: number): string {
  const local = new Date(ms + SHANGHAI_OFFSET_MS);
  const month = String(local.getUTCMonth() + 1).padStart(2, '0');
  return `${local.getUTCFullYear()}-${month}`;
}

/** The first instant of the Shanghai calendar month after the one `ms` falls in. */
export function startOfNextShanghaiMonthMs(ms: number): number {
  const local = new Date(ms + SHANGHAI_OFFSET_MS);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1) - SHANGHAI_OFFSET_MS;
}

/** "2026-11-26 14:03:05 +08:00": an instant as Beijing wall-clock time, with its offset. */
export function shanghaiTimestamp(ms: number): string {
  const local = new Date(ms + SHANGHAI_OFFSET_MS).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 19)} +08:00`;
}

/** The first instant of the Shanghai calendar day that `ms` falls in. */
export function startOfShanghaiDayMs(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
}
