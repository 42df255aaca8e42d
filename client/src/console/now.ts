/** A clock for countdowns: the current time, refreshed while the component is mounted. */
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import { walletNowMs } from '../lib/clock.ts';

export function createNow(everyMs = 1_000): Accessor<number> {
  const [now, setNow] = createSignal(walletNowMs());
  const timer = setInterval(() => setNow(walletNowMs()), everyMs);
  onCleanup(() => clearInterval(timer));
  return now;
}

export interface Remaining {
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
}

/** What is left until `untilMs`, in whole days, hours and minutes; never negative. */
export function remaining(untilMs: number, nowMs: number): Remaining {
  const totalMinutes = Math.max(0, Math.floor((untilMs - nowMs) / 60_000));
  return {
    days: Math.floor(totalMinutes / 1_440),
    hours: Math.floor((totalMinutes % 1_440) / 60),
    minutes: totalMinutes % 60,
  };
}
