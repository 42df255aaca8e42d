/** The test clock, as an operator reads it: refused with TEST_CLOCK_OFF where it is off. */
import type { ServiceContext } from '../../context.ts';
import { requireRole } from '../access.ts';
import { requireTestClock } from './require.ts';
import { testClockView, type TestClockView } from './view.ts';

export async function getTestClock(ctx: ServiceContext): Promise<TestClockView> {
  requireRole(ctx.actor, ['operator']);
  await requireTestClock(ctx).load();
  return testClockView(ctx);
}
