/**
 * The expiry job: every voucher and card whose time has passed is marked expired and its
 * remaining balance forfeited by a ledger entry (reason `expiry`). Runs on a timer on Node,
 * as `npm run expire`, and from the Worker's cron trigger. Idempotent: an instrument already
 * expired is not loaded again. Settlement never relies on it — the planner skips expired
 * instruments by time whether or not this has run.
 *
 * Top-up orders past their deadline are reconciled here too: each is closed only once its
 * payment provider says it was not paid (and credited if it says it was), see
 * services/topUps/reconcile.ts.
 */
import { and, eq, lte } from 'drizzle-orm';
import { INSTRUMENT_TABLE_NAMES } from '../../../common/wallet/instruments.ts';
import { INSTRUMENT_SCHEMA, type InstrumentSchema } from '../../../db/store/instrumentTables.ts';
import { fenToAmount, negateFen, sumFen } from '../../../common/money.ts';
import type { WalletDeps } from '../../context.ts';
import type { AccountState, Unit } from '../../writer/unit.ts';
import { reconcileTopUps } from '../topUps/reconcileDue.ts';
import { runTimedAlerts } from '../../alerts/timed.ts';

export interface ExpiryReport {
  readonly accounts: number;
  readonly instruments: number;
  /** Decimal string, like every amount on the wire. */
  readonly forfeited: string;
  readonly closedTopUps: number;
  /** Accounts left for the next run because their writes kept losing races (BUSY). */
  readonly deferredAccounts: number;
}

const ACCOUNTS_PER_RUN = 10_000;

export async function runExpiry(deps: WalletDeps): Promise<ExpiryReport> {
  // A test clock another process advanced is followed here too (server/testClock.ts).
  await deps.clock.refresh?.();
  const nowMs = deps.clock.nowMs();
  const db = deps.database.db;
  const [first, ...rest] = INSTRUMENT_TABLE_NAMES.map((table) => {
    const schema: InstrumentSchema = INSTRUMENT_SCHEMA[table];
    return db
      .selectDistinct({ accountId: schema.accountId })
      .from(schema)
      .where(and(eq(schema.status, 'active'), lte(schema.expiresAtMs, nowMs)))
      .limit(ACCOUNTS_PER_RUN);
  });
  const due = first ? await db.batch([first, ...rest]) : [];
  const accountIds = [...new Set(due.flat().map((row) => row.accountId))];
  // One account that stays busy must not keep the others (or the top-ups) from expiring.
  const results = await Promise.allSettled(
    accountIds.map((accountId) =>
      deps.writer.submit({ accountId, apply: (unit, account) => expireAccount(unit, account) }),
    ),
  );
  // Time-based alerts and workspace states (grace, locked): events and notifications.
  await runTimedAlerts(deps);
  const topUps = await reconcileTopUps(deps, { pastDeadlineOnly: true });
  const forfeits = results.flatMap((outcome) =>
    outcome.status === 'fulfilled' ? outcome.value.result : [],
  );
  const deferred = results.filter((outcome) => outcome.status === 'rejected');
  for (const failure of deferred) console.error('[wallet] expiry deferred', failure.reason);
  return {
    accounts: accountIds.length - deferred.length,
    instruments: forfeits.length,
    forfeited: fenToAmount(sumFen(forfeits)),
    closedTopUps: topUps.closed,
    deferredAccounts: deferred.length,
  };
}

/** Expires what is due in one account; returns each forfeited amount. */
export function expireAccount(unit: Unit, account: AccountState): number[] {
  const due = account
    .instruments()
    .filter((instrument) => instrument.status === 'active' && instrument.expiresAtMs <= unit.nowMs);
  return due.map((instrument) => {
    const forfeitedFen = account.forfeit(instrument.id, 'expired');
    if (forfeitedFen > 0) {
      unit.ledger({
        accountId: account.id,
        instrument: instrument.kind,
        instrumentId: instrument.id,
        amountFen: negateFen(forfeitedFen),
        balanceFenAfter: 0,
        reason: 'expiry',
        refType: 'expiry',
        refId: instrument.id,
      });
    }
    const forfeited = fenToAmount(forfeitedFen);
    if (instrument.kind === 'prepaid_card') {
      unit.emit('card.expired', account.id, {
        cardId: instrument.id,
        number: instrument.number,
        forfeited,
      });
    } else {
      unit.emit('voucher.expired', account.id, {
        voucherId: instrument.id,
        number: instrument.number,
        forfeited,
      });
    }
    return forfeitedFen;
  });
}
