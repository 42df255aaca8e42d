/** What the test clock reports, to operators and (read-only) to every page of the UI. */
import type { WalletDeps } from '../../context.ts';
import { isTestClock } from '../../testClock.ts';

export interface TestClockView {
  /** Whether this deployment runs a test clock (WALLET_TEST_CLOCK=true). */
  readonly enabled: boolean;
  /** How far the wallet's clock runs ahead of real time; 0 when off. */
  readonly offsetMs: number;
  /** The wallet's time now. */
  readonly nowMs: number;
}

export function testClockView(deps: WalletDeps): TestClockView {
  const offsetMs = isTestClock(deps.clock) ? deps.clock.currentOffsetMs() : 0;
  return { enabled: isTestClock(deps.clock), offsetMs, nowMs: deps.clock.nowMs() };
}
