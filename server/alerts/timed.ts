/**
 * The alerts and events time brings, evaluated by the expiry job (Node timer, `npm run
 * expire`, the Worker's cron): a workspace entering its grace period or locked (and unlocked
 * again), a voucher or card with a balance expiring within N days, the runway falling below
 * N days. Each fires once per crossing: the crossing state is the account's (AlertBook) and
 * changes through the writer, with the account version, so two runs — in one process or in
 * two — cannot both fire it.
 *
 * `transitions` is one pure function used twice: on the rows read, to pick the accounts that
 * have something to change (a command bumps the version, so accounts with nothing to do are
 * left alone), and inside the writer's command, on the state it commits against.
 */
import { and, eq, inArray, like, or, gt } from 'drizzle-orm';
import type { EventPayloads } from '../../common/events.ts';
import { fenToAmount } from '../../common/money.ts';
import { isUsable, type InstrumentSnapshot } from '../../common/settlement/plan.ts';
import { addDaysMs, DAY_MS } from '../../common/time.ts';
import { accounts, prepaidCards, vouchers, workspaces } from '../../db/schema/index.ts';
import type { WalletDeps } from '../context.ts';
import { GRACE_DAYS } from '../services/workspaces/status.ts';
import type { AccountState, Unit, WorkspaceRow } from '../writer/unit.ts';
import { AlertBook } from './state.ts';
import { fireAlert } from './fire.ts';
import { accountRunwayDays } from './runway.ts';

const ACCOUNTS_PER_RUN = 2_000;

export interface TimedInput {
  readonly nowMs: number;
  readonly overdueSinceMs: number | null;
  readonly alerts: AlertBook;
  /** The account's workspaces that settle through the billing center. */
  readonly workspaceIds: readonly string[];
  readonly instruments: readonly InstrumentSnapshot[];
  /** Days the usable money lasts; null when nothing is spent (or not asked for). */
  readonly runwayDays: number | null;
}

export type Transition =
  | {
      kind: 'workspace';
      workspaceId: string;
      to: 'grace' | 'locked' | 'active';
      from: string | null;
    }
  | { kind: 'expiring'; instrument: InstrumentSnapshot; days: number }
  | { kind: 'expiring_rearm'; key: string }
  | { kind: 'runway'; days: number; threshold: number }
  | { kind: 'runway_rearm' };

/** Workspace state markers: `ws_grace:<id>`, `ws_locked:<id>` (events fire on entry). */
const GRACE = 'ws_grace:';
const LOCKED = 'ws_locked:';

export function transitions(input: TimedInput): Transition[] {
  const out: Transition[] = [];
  const { alerts, nowMs } = input;
  for (const workspaceId of input.workspaceIds) {
    const from = alerts.hasFired(LOCKED + workspaceId)
      ? 'locked'
      : alerts.hasFired(GRACE + workspaceId)
        ? 'grace'
        : null;
    const to =
      input.overdueSinceMs === null
        ? 'active'
        : nowMs < addDaysMs(input.overdueSinceMs, GRACE_DAYS)
          ? 'grace'
          : 'locked';
    if ((from ?? 'active') !== to) out.push({ kind: 'workspace', workspaceId, to, from });
  }
  const expiring = alerts.enabled('instrument_expiring');
  const inWindow = new Set<string>();
  if (expiring?.days !== undefined) {
    for (const instrument of input.instruments) {
      if (!isUsable(instrument, nowMs)) continue;
      if (instrument.expiresAtMs - nowMs > expiring.days * DAY_MS) continue;
      inWindow.add(`instrument_expiring:${instrument.id}`);
      if (!alerts.hasFired(`instrument_expiring:${instrument.id}`)) {
        out.push({ kind: 'expiring', instrument, days: expiring.days });
      }
    }
  }
  for (const key of alerts.firedKeys()) {
    if (key.startsWith('instrument_expiring:') && !inWindow.has(key)) {
      out.push({ kind: 'expiring_rearm', key });
    }
  }
  const runway = alerts.enabled('runway_below');
  if (runway?.days !== undefined) {
    const below = input.runwayDays !== null && input.runwayDays < runway.days;
    if (below && !alerts.hasFired('runway_below')) {
      out.push({ kind: 'runway', days: input.runwayDays ?? 0, threshold: runway.days });
    } else if (!below && alerts.hasFired('runway_below')) {
      out.push({ kind: 'runway_rearm' });
    }
  }
  return out;
}

/** Applies the transitions inside the writer's command: events, alerts, crossing state. */
export function applyTransitions(
  unit: Unit,
  account: AccountState,
  list: readonly Transition[],
): void {
  for (const t of list) {
    switch (t.kind) {
      case 'workspace':
        workspaceTransition(unit, account, t.workspaceId, t.to);
        break;
      case 'expiring':
        fireAlert(unit, account, {
          rule: 'instrument_expiring',
          key: `instrument_expiring:${t.instrument.id}`,
          threshold: t.days,
          value: Math.max(0, Math.ceil((t.instrument.expiresAtMs - unit.nowMs) / DAY_MS)),
          subject: {
            instrumentId: t.instrument.id,
            number: t.instrument.number,
            kind: t.instrument.kind,
            balance: fenToAmount(t.instrument.balanceFen),
            expiresAtMs: String(t.instrument.expiresAtMs),
          },
        });
        break;
      case 'expiring_rearm':
        account.alerts.rearm(t.key);
        break;
      case 'runway':
        fireAlert(unit, account, {
          rule: 'runway_below',
          key: 'runway_below',
          threshold: t.threshold,
          value: t.days,
        });
        break;
      case 'runway_rearm':
        account.alerts.rearm('runway_below');
        break;
    }
  }
  account.touched = true;
}

function workspaceTransition(
  unit: Unit,
  account: AccountState,
  workspaceId: string,
  to: 'grace' | 'locked' | 'active',
): void {
  const alerts = account.alerts;
  const since = account.overdueSinceMs ?? unit.nowMs;
  if (to === 'active') {
    const wasLocked = alerts.hasFired(LOCKED + workspaceId);
    alerts.rearm(LOCKED + workspaceId);
    alerts.rearm(GRACE + workspaceId);
    if (wasLocked) unit.emit('workspace.unlocked', account.id, { workspaceId });
    return;
  }
  if (to === 'grace') {
    const data: EventPayloads['workspace.grace'] = {
      workspaceId,
      overdueSinceMs: since,
      locksAtMs: addDaysMs(since, GRACE_DAYS),
    };
    alerts.markFired(GRACE + workspaceId, unit.nowMs);
    unit.emit('workspace.grace', account.id, data);
    if (alerts.enabled('workspace_grace')) {
      fireAlert(unit, account, {
        rule: 'workspace_grace',
        threshold: null,
        value: null,
        subject: { workspaceId, locksAtMs: String(data.locksAtMs) },
      });
    }
    return;
  }
  alerts.markFired(GRACE + workspaceId, unit.nowMs);
  alerts.markFired(LOCKED + workspaceId, unit.nowMs);
  unit.emit('workspace.locked', account.id, { workspaceId, overdueSinceMs: since });
  if (alerts.enabled('workspace_locked')) {
    fireAlert(unit, account, {
      rule: 'workspace_locked',
      threshold: null,
      value: null,
      subject: { workspaceId },
    });
  }
}

/** The expiry job's part: every account with something due changes in one command. */
export async function runTimedAlerts(deps: WalletDeps): Promise<{ accounts: number }> {
  const db = deps.database.db;
  const nowMs = deps.clock.nowMs();
  const candidates = await db
    .select()
    .from(accounts)
    .where(
      or(
        gt(accounts.overdueFen, 0),
        like(accounts.alertState, '%ws_%'),
        like(accounts.alertRules, '%instrument_expiring%'),
        like(accounts.alertRules, '%runway_below%'),
        like(accounts.alertState, '%instrument_expiring%'),
      ),
    )
    .limit(ACCOUNTS_PER_RUN);
  let changed = 0;
  for (const row of candidates) {
    const ids = await billingCenterWorkspaces(deps, row.id);
    const runwayDays = row.alertRules.includes('runway_below')
      ? await accountRunwayDays(deps, row.id, nowMs)
      : null;
    const input = {
      nowMs,
      overdueSinceMs: row.overdueSinceMs,
      alerts: new AlertBook(row.alertRules, row.alertState),
      workspaceIds: ids,
      instruments: await instrumentsOf(deps, row.id),
      runwayDays,
    };
    if (transitions(input).length === 0) continue;
    await deps.writer
      .submit({
        accountId: row.id,
        workspaceIds: ids,
        apply: (unit, account) => {
          const list = transitions({
            nowMs: unit.nowMs,
            overdueSinceMs: account.overdueSinceMs,
            alerts: account.alerts,
            workspaceIds: ids.filter(
              (id) => unit.workspace(id)?.settlementMethod === 'billing_center',
            ),
            instruments: account.instruments(),
            runwayDays,
          });
          applyTransitions(unit, account, list);
          return list.length;
        },
      })
      .then(() => changed++)
      .catch((error: unknown) => console.error('[wallet] timed alerts deferred', error));
  }
  return { accounts: changed };
}

async function billingCenterWorkspaces(deps: WalletDeps, accountId: string): Promise<string[]> {
  const rows = await deps.database.db
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(
      and(eq(workspaces.accountId, accountId), eq(workspaces.settlementMethod, 'billing_center')),
    );
  return rows.map((row) => row.id);
}

/** The account's active vouchers and cards, as the planner sees them (pre-check only). */
async function instrumentsOf(deps: WalletDeps, accountId: string): Promise<InstrumentSnapshot[]> {
  const db = deps.database.db;
  const [voucherRows, cardRows] = await Promise.all([
    db
      .select()
      .from(vouchers)
      .where(and(eq(vouchers.accountId, accountId), eq(vouchers.status, 'active'))),
    db
      .select()
      .from(prepaidCards)
      .where(and(eq(prepaidCards.accountId, accountId), inArray(prepaidCards.status, ['active']))),
  ]);
  return [
    ...voucherRows.map((v) => ({
      id: v.id,
      number: v.number,
      kind: v.type === 'regular' ? ('regular_voucher' as const) : ('discount_voucher' as const),
      status: v.status,
      balanceFen: v.balanceFen,
      validFromMs: v.validFromMs,
      expiresAtMs: v.expiresAtMs,
      activatedAtMs: v.activatedAtMs,
    })),
    ...cardRows.map((c) => ({
      id: c.id,
      number: c.number,
      kind: 'prepaid_card' as const,
      status: c.status,
      balanceFen: c.balanceFen,
      validFromMs: c.validFromMs,
      expiresAtMs: c.expiresAtMs,
      activatedAtMs: c.purchasedAtMs,
    })),
  ];
}
