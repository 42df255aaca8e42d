/**
 * How many whole days an account's usable money lasts, for the `runway_below` alert: the
 * account figure of `accounts.runway` (common/runway.ts, docs/RULES.md "Runway") at the last
 * 7 days' rate. Null when no end is in sight (nothing the wallet pays was spent).
 */
import { runwayOf } from '../services/accounts/runway.ts';
import type { WalletDeps } from '../context.ts';

export async function accountRunwayDays(
  deps: WalletDeps,
  accountId: string,
  nowMs: number,
): Promise<number | null> {
  const runway = await runwayOf(deps.database.db, accountId, nowMs);
  return runway.account.days;
}
