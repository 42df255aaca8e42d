/**
 * The wallet's time in the browser: real time plus the test clock's offset, which is 0 unless
 * the deployment runs a test clock (docs/decisions/013-test-clock.md). Countdowns and previews
 * read it, so they agree with the server when an operator has moved the clock. The offset is
 * a signal: what reads it recomputes once the banner (components/TestClockBanner.tsx) learns it.
 */
import { createSignal } from 'solid-js';

const [offsetMs, setOffsetMs] = createSignal(0);

export function walletNowMs(): number {
  return Date.now() + offsetMs();
}

export { setOffsetMs as setTestClockOffsetMs };
