/**
 * Moves the deployment's clock forward: everything that follows the wallet's time (expiry,
 * grace and lock, top-up deadlines, the monthly method rule) sees the new time at once in
 * this process, within a second elsewhere (server/testClock.ts). Forward only.
 */
import type { AdvanceTestClockData } from '../../../common/schemas.ts';
import { DAY_MS } from '../../../common/time.ts';
import type { ServiceContext } from '../../context.ts';
import { requireRole } from '../access.ts';
import { requireTestClock } from './require.ts';
import { testClockView, type TestClockView } from './view.ts';

const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: DAY_MS } as const;

export async function advanceTestClock(
  ctx: ServiceContext,
  input: AdvanceTestClockData,
): Promise<TestClockView> {
  requireRole(ctx.actor, ['operator']);
  const clock = requireTestClock(ctx);
  await clock.advance(input.by * UNIT_MS[input.unit]);
  return testClockView(ctx);
}
