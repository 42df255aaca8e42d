/**
 * Request bodies for the settle phases. Every charge gets a fresh id (`<phase>-<n>`), so no
 * request is an idempotent replay, and the phase prefix lets the database be counted per
 * phase afterwards. Workspaces are taken round-robin.
 */
import type { SettleChargeData } from '../common/schemas.ts';

/** Every charge costs the same, so a funded account's cash drop is easy to check. */
export const CHARGE_AMOUNT = '1.23';
export const PERIOD_START_MS = 1_767_225_600_000;
export const PERIOD_END_MS = PERIOD_START_MS + 3_600_000;

export interface ChargeSource {
  readonly prefix: string;
  next(): SettleChargeData;
}

export function chargeSource(prefix: string, workspaceIds: readonly string[]): ChargeSource {
  if (workspaceIds.length === 0) throw new Error('a charge source needs a workspace');
  let sequence = 0;
  return {
    prefix,
    next: () => {
      const n = sequence++;
      return {
        chargeId: `${prefix}-${n}`,
        workspaceId: workspaceIds[n % workspaceIds.length] ?? '',
        category: 'general',
        amount: CHARGE_AMOUNT,
        periodStartMs: PERIOD_START_MS,
        periodEndMs: PERIOD_END_MS,
        description: 'bench usage',
      };
    },
  };
}

export function settleBody(source: ChargeSource): () => string {
  return () => JSON.stringify(source.next());
}

export function settleBatchBody(source: ChargeSource, size: number): () => string {
  return () => JSON.stringify({ charges: Array.from({ length: size }, () => source.next()) });
}

/** Charges a settleBatch response reports as settled (`"ok":true` per item). */
export function settledInBatch(responseBody: string): number {
  let count = 0;
  let at = responseBody.indexOf('"ok":true');
  while (at !== -1) {
    count++;
    at = responseBody.indexOf('"ok":true', at + 1);
  }
  return count;
}
