/** The deployment's test clock, or TEST_CLOCK_OFF when WALLET_TEST_CLOCK is not on. */
import { DomainError } from '../../../common/errors.ts';
import type { WalletDeps } from '../../context.ts';
import { isTestClock, type TestClock } from '../../testClock.ts';

export function requireTestClock(deps: WalletDeps): TestClock {
  if (isTestClock(deps.clock)) return deps.clock;
  throw new DomainError(
    'TEST_CLOCK_OFF',
    'this deployment has no test clock: it runs on real time (WALLET_TEST_CLOCK is not on)',
  );
}
