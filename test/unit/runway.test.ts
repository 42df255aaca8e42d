/**
 * Runway against hand computations. Every row is a small wallet and a fixed history; the
 * expected days were worked out by hand (the comment on a row shows the arithmetic). Amounts
 * are yuan; a rate is the window's spend over its days.
 */
import { describe, expect, it } from 'vitest';
import { computeRunway, type RunwaySpend, type RunwayWorkspace } from '../../common/runway.ts';
import type { InstrumentKind, InstrumentSnapshot } from '../../common/settlement/plan.ts';
import { DAY_MS } from '../../common/time.ts';

const NOW_MS = Date.UTC(2026, 11, 1, 4, 0, 0);
const BC: RunwayWorkspace = { workspaceId: 'ws_a', name: 'A', method: 'billing_center' };
const BC2: RunwayWorkspace = { workspaceId: 'ws_b', name: 'B', method: 'billing_center' };
const CLOUD: RunwayWorkspace = { workspaceId: 'ws_c', name: 'C', method: 'cloud_account' };

let serial = 0;
function instrument(
  kind: InstrumentKind,
  yuan: number,
  expiresInDays = 365,
  startsInDays = -1,
): InstrumentSnapshot {
  serial += 1;
  return {
    id: `ins_${serial}`,
    number: `N${serial}`,
    kind,
    status: 'active',
    balanceFen: yuan * 100,
    validFromMs: NOW_MS + startsInDays * DAY_MS,
    expiresAtMs: NOW_MS + expiresInDays * DAY_MS,
    activatedAtMs: NOW_MS - DAY_MS,
  };
}

/** Spend of one stream: yuan over the last 7 days and over the last 30 (which include them). */
function spend(
  workspace: RunwayWorkspace,
  category: RunwaySpend['category'],
  yuan7: number,
  yuan30: number,
): RunwaySpend {
  return {
    workspaceId: workspace.workspaceId,
    category,
    spent7Fen: yuan7 * 100,
    spent30Fen: yuan30 * 100,
  };
}

interface Row {
  readonly name: string;
  readonly cash: number;
  readonly instruments: readonly InstrumentSnapshot[];
  readonly workspaces: readonly RunwayWorkspace[];
  readonly spend: readonly RunwaySpend[];
  /** Expected: usable, daily7, daily30, days of the account at 7/30-day rates (exact, in
   * days, null = no end), and each workspace's exact days at the 7-day rate. */
  readonly usable: string;
  readonly daily: readonly [string, string];
  readonly ends: readonly [number | null, number | null];
  readonly workspaceEnds?: Readonly<Record<string, number | null>>;
}

const ROWS: readonly Row[] = [
  {
    name: 'no spend: no end',
    cash: 100,
    instruments: [],
    workspaces: [BC],
    spend: [],
    usable: '100.00',
    daily: ['0.00', '0.00'],
    ends: [null, null],
  },
  // 70 / (70/7 = 10 a day) = 7; the 30-day rate is 300/30 = 10 too.
  {
    name: 'cash only',
    cash: 70,
    instruments: [],
    workspaces: [BC],
    spend: [spend(BC, 'general', 70, 300)],
    usable: '70.00',
    daily: ['10.00', '10.00'],
    ends: [7, 7],
  },
  // (100 cash + 50 voucher) / 10 = 15.
  {
    name: 'a voucher pays general before cash',
    cash: 100,
    instruments: [instrument('regular_voucher', 50)],
    workspaces: [BC],
    spend: [spend(BC, 'general', 70, 300)],
    usable: '150.00',
    daily: ['10.00', '10.00'],
    ends: [15, 15],
  },
  // The voucher pays 2 days (20), its other 30 expire; then cash 100 / 10 = 10: 12 days.
  {
    name: 'an instrument counts only until its expiry',
    cash: 100,
    instruments: [instrument('regular_voucher', 50, 2)],
    workspaces: [BC],
    spend: [spend(BC, 'general', 70, 300)],
    usable: '150.00',
    daily: ['10.00', '10.00'],
    ends: [12, 12],
  },
  // SMS cannot use vouchers: 30 cash / 10 = 3, the 1000 of voucher does not help.
  {
    name: 'SMS is not paid by vouchers',
    cash: 30,
    instruments: [instrument('discount_voucher', 1000)],
    workspaces: [BC],
    spend: [spend(BC, 'sms', 70, 300)],
    usable: '1030.00',
    daily: ['10.00', '10.00'],
    ends: [3, 3],
  },
  // ...but a prepaid card pays SMS: (30 + 20) / 10 = 5.
  {
    name: 'a prepaid card pays SMS',
    cash: 30,
    instruments: [instrument('prepaid_card', 20)],
    workspaces: [BC],
    spend: [spend(BC, 'dial_testing', 70, 300)],
    usable: '50.00',
    daily: ['10.00', '10.00'],
    ends: [5, 5],
  },
  // A general 10/day on the voucher (60: 6 days) while B's SMS 10/day takes cash; at day 6
  // cash is 40 and both draw it at 20/day: 2 more days, 8 in all.
  {
    name: 'streams compete for cash',
    cash: 100,
    instruments: [instrument('regular_voucher', 60)],
    workspaces: [BC, BC2],
    spend: [spend(BC, 'general', 70, 300), spend(BC2, 'sms', 70, 300)],
    usable: '160.00',
    daily: ['20.00', '20.00'],
    ends: [8, 8],
    workspaceEnds: { ws_a: 8, ws_b: 8 },
  },
  // The cloud workspace's general takes the voucher (40 / 10 = 4 days, then its cloud
  // account pays) and never touches cash; A's SMS lives on cash 50 / 5 = 10 days.
  {
    name: 'a cloud workspace never spends cash',
    cash: 50,
    instruments: [instrument('regular_voucher', 40)],
    workspaces: [BC, CLOUD],
    spend: [spend(BC, 'sms', 35, 150), spend(CLOUD, 'general', 70, 300)],
    usable: '90.00',
    daily: ['15.00', '15.00'],
    ends: [10, 10],
    workspaceEnds: { ws_a: 10, ws_c: 4 },
  },
  // Only cloud spend: the account never goes overdue; the card lasts 30 / 10 = 3 days.
  {
    name: 'only cloud spend: the account has no end',
    cash: 0,
    instruments: [instrument('prepaid_card', 30)],
    workspaces: [CLOUD],
    spend: [spend(CLOUD, 'sms', 70, 300)],
    usable: '30.00',
    daily: ['10.00', '10.00'],
    ends: [null, null],
    workspaceEnds: { ws_c: 3 },
  },
  // Not started and expired cards are not usable: 10 cash / 10 = 1.
  {
    name: 'instruments not yet valid do not count',
    cash: 10,
    instruments: [instrument('prepaid_card', 1000, 365, 1)],
    workspaces: [BC],
    spend: [spend(BC, 'general', 70, 300)],
    usable: '10.00',
    daily: ['10.00', '10.00'],
    ends: [1, 1],
  },
  // 7-day rate 10, 30-day rate 90/30 = 3: 90 lasts 9 days or 30.
  {
    name: 'the two windows differ',
    cash: 90,
    instruments: [],
    workspaces: [BC],
    spend: [spend(BC, 'general', 70, 90)],
    usable: '90.00',
    daily: ['10.00', '3.00'],
    ends: [9, 30],
  },
  // 25 / 10 = 2.5 days: 2 whole days, the instant half a day later.
  {
    name: 'fractions of a day',
    cash: 25,
    instruments: [],
    workspaces: [BC],
    spend: [spend(BC, 'general', 70, 300)],
    usable: '25.00',
    daily: ['10.00', '10.00'],
    ends: [2.5, 2.5],
  },
  // 10/7 = 1.428.. shown 1.43; 10 / (10/7) = 7 days exactly.
  {
    name: 'daily figures round to the fen',
    cash: 10,
    instruments: [],
    workspaces: [BC],
    spend: [spend(BC, 'general', 10, 10)],
    usable: '10.00',
    daily: ['1.43', '0.33'],
    ends: [7, 30],
  },
  // Overdue already: nothing pays, the end is now.
  {
    name: 'an overdue account has no runway',
    cash: 0,
    instruments: [],
    workspaces: [BC],
    spend: [spend(BC, 'general', 70, 300)],
    usable: '0.00',
    daily: ['10.00', '10.00'],
    ends: [0, 0],
  },
  // A workspace that no longer exists spends nothing from now on.
  {
    name: 'spend of a removed workspace is left out',
    cash: 10,
    instruments: [],
    workspaces: [BC],
    spend: [spend(BC2, 'general', 70, 300)],
    usable: '10.00',
    daily: ['0.00', '0.00'],
    ends: [null, null],
  },
];

describe('computeRunway against hand computations', () => {
  it.each(ROWS)('$name', (row) => {
    const runway = computeRunway({
      nowMs: NOW_MS,
      cashFen: row.cash * 100,
      instruments: row.instruments,
      workspaces: row.workspaces,
      spend: row.spend,
    });
    const { account } = runway;
    expect(runway.asOfMs).toBe(NOW_MS);
    expect(account.usable).toBe(row.usable);
    expect([account.daily7, account.daily30]).toEqual(row.daily);
    expect(endOf(account)).toEqual(expected(row.ends[0]));
    expect(endOf(account.at30)).toEqual(expected(row.ends[1]));
    for (const [workspaceId, days] of Object.entries(row.workspaceEnds ?? {})) {
      const workspace = runway.workspaces.find((w) => w.workspaceId === workspaceId);
      expect(workspace && endOf(workspace)).toEqual(expected(days));
    }
  });

  it('splits the usable money by what it is and lists each stream', () => {
    const runway = computeRunway({
      nowMs: NOW_MS,
      cashFen: 1234,
      instruments: [
        instrument('regular_voucher', 5),
        instrument('discount_voucher', 6),
        instrument('prepaid_card', 7),
        instrument('prepaid_card', 100, -1, -30), // expired yesterday
      ],
      workspaces: [BC, CLOUD],
      spend: [spend(BC, 'general', 7, 30), spend(CLOUD, 'sms', 14, 60)],
    });
    expect(runway.account.parts).toEqual({
      cash: '12.34',
      vouchers: '11.00',
      prepaidCards: '7.00',
      streams: [
        {
          workspaceId: 'ws_a',
          category: 'general',
          method: 'billing_center',
          daily7: '1.00',
          daily30: '1.00',
        },
        {
          workspaceId: 'ws_c',
          category: 'sms',
          method: 'cloud_account',
          daily7: '2.00',
          daily30: '2.00',
        },
      ],
    });
    expect(runway.workspaces.map((w) => [w.workspaceId, w.daily7, w.daily30])).toEqual([
      ['ws_a', '1.00', '1.00'],
      ['ws_c', '2.00', '2.00'],
    ]);
  });
});

function endOf(end: { days: number | null; untilMs: number | null }) {
  return { days: end.days, untilMs: end.untilMs };
}

/** Exact days to the whole days shown and the instant the money runs out. */
function expected(days: number | null) {
  if (days === null) return { days: null, untilMs: null };
  return { days: Math.floor(days), untilMs: NOW_MS + Math.round(days * DAY_MS) };
}
