/**
 * The settlement planner as a table: one row per charge, the expected parts last.
 *
 * A row reads: settlement method, category, charge, cash on hand, the wallet's vouchers and
 * cards (fixture numbers, deliberately not in deduction order), and the parts the planner
 * must produce, in order, as `<instrument number or source>=<amount>`. Every row is also
 * checked for the invariants every plan keeps (see `expectConsistent`): the parts add up to
 * the charge, each part names its instrument and the balance left on it, the remainder is
 * last and goes to the method's sink. Fixtures are frozen, so a planner that sorted or
 * mutated its input in place would throw.
 */
import { describe, expect, it } from 'vitest';
import { amountToFen, fenToAmount } from '../../common/money.ts';
import type { ChargeCategory, SettlementMethod } from '../../common/settlement/order.ts';
import { isUsable, planSettlement } from '../../common/settlement/plan.ts';
import type {
  InstrumentKind,
  InstrumentSnapshot,
  InstrumentStatus,
  SettlementInput,
  SettlementPlan,
} from '../../common/settlement/plan.ts';
import { DAY_MS } from '../../common/time.ts';

const NOW_MS = Date.UTC(2026, 10, 26, 4, 0, 0);
const D = DAY_MS;

const BC = 'billing_center';
const CA = 'cloud_account';
const RV = 'regular_voucher';
const DV = 'discount_voucher';
const PC = 'prepaid_card';

/** number, kind, balance, validFrom, expiresAt, activatedAt (offsets from now), status. */
type FixtureRow = [string, InstrumentKind, string, number, number, number, InstrumentStatus];

// number   kind balance    validFrom  expiresAt  activated  status
const FIXTURE_ROWS: FixtureRow[] = [
  // One of each kind, for the spec's deduction table.
  ['R1', RV, '1.00', -30 * D, 30 * D, -30 * D, 'active'],
  ['D1', DV, '2.00', -30 * D, 30 * D, -30 * D, 'active'],
  ['C1', PC, '3.00', -30 * D, 365 * D, -30 * D, 'active'],
  // Validity at now. Each would pay 10.00 if it counted.
  ['XE', RV, '10.00', -30 * D, 0, -30 * D, 'active'], // expires exactly now
  ['XL', RV, '10.00', -30 * D, 1, -30 * D, 'active'], // last valid ms
  ['XF', RV, '10.00', 1, 30 * D, -30 * D, 'active'], // valid from next ms
  ['XN', RV, '10.00', 0, 30 * D, -30 * D, 'active'], // valid from now
  ['XD', DV, '10.00', -30 * D, 0, -30 * D, 'active'], // expires exactly now
  ['XC', PC, '10.00', -30 * D, 0, -30 * D, 'active'], // expires exactly now
  ['XP', PC, '10.00', -30 * D, -D, -30 * D, 'active'], // job has not run yet
  ['XX', RV, '10.00', -30 * D, 30 * D, -30 * D, 'expired'],
  ['XV', RV, '10.00', -30 * D, 30 * D, -30 * D, 'voided'],
  ['XU', RV, '0.00', -30 * D, 30 * D, -30 * D, 'used_up'],
  ['XS', PC, '10.00', -30 * D, 30 * D, -30 * D, 'used_up'], // status vs balance
  ['XZ', RV, '0.00', -30 * D, 30 * D, -30 * D, 'active'], // nothing left
  // Order within a kind. Numbers and activation run against expiry on purpose.
  ['RA', RV, '5.00', -60 * D, 20 * D, -60 * D, 'active'],
  ['RB', RV, '5.00', -30 * D, 10 * D, -30 * D, 'active'],
  ['RC', RV, '5.00', -30 * D, 5 * D, -30 * D, 'active'],
  ['DA', DV, '5.00', -30 * D, D, -30 * D, 'active'], // expires before all R*
  ['CA', PC, '5.00', -30 * D, 90 * D, -10 * D, 'active'],
  ['CB', PC, '5.00', -30 * D, 90 * D, -20 * D, 'active'], // same expiry as CA
  ['C-1', PC, '5.00', -30 * D, 180 * D, -5 * D, 'active'],
  ['C-2', PC, '5.00', -30 * D, 180 * D, -5 * D, 'active'],
  ['C-10', PC, '5.00', -30 * D, 180 * D, -5 * D, 'active'],
  // Exact splits: 1034.50 across five instruments.
  ['S1', RV, '100.00', -30 * D, 10 * D, -30 * D, 'active'],
  ['S2', RV, '200.00', -30 * D, 20 * D, -30 * D, 'active'],
  ['S3', DV, '300.00', -30 * D, 10 * D, -30 * D, 'active'],
  ['S4', PC, '400.00', -30 * D, 30 * D, -30 * D, 'active'],
  ['S5', PC, '34.50', -30 * D, 40 * D, -30 * D, 'active'],
  // One fen each.
  ['F1', RV, '0.01', -30 * D, 10 * D, -30 * D, 'active'],
  ['F2', DV, '0.01', -30 * D, 10 * D, -30 * D, 'active'],
  ['F3', PC, '0.01', -30 * D, 10 * D, -30 * D, 'active'],
];

const FIXTURES = new Map<string, InstrumentSnapshot>(
  FIXTURE_ROWS.map(([number, kind, balance, validFrom, expiresAt, activated, status]) => [
    number,
    Object.freeze({
      id: `id-${number}`,
      number,
      kind,
      status,
      balanceFen: amountToFen(balance),
      validFromMs: NOW_MS + validFrom,
      expiresAtMs: NOW_MS + expiresAt,
      activatedAtMs: NOW_MS + activated,
    }),
  ]),
);

/** method, category, charge, cash, wallet (space-separated fixture numbers), expected parts. */
type Case = [SettlementMethod, ChargeCategory, string, string, string, string];

function inputOf([method, category, amount, cash, wallet]: Case): SettlementInput {
  const instruments = wallet === '' ? [] : wallet.split(' ').map(fixture);
  return {
    amountFen: amountToFen(amount),
    category,
    method,
    instruments: Object.freeze(instruments),
    cashFen: amountToFen(cash),
    nowMs: NOW_MS,
  };
}

function fixture(number: string): InstrumentSnapshot {
  const found = FIXTURES.get(number);
  if (found === undefined) throw new Error(`no fixture ${number}`);
  return found;
}

function render(plan: SettlementPlan): string {
  return plan.parts
    .map((part) => `${part.instrumentNumber ?? part.source}=${fenToAmount(part.amountFen)}`)
    .join(' ');
}

/** What every plan must satisfy, whatever the row expects. */
function expectConsistent(input: SettlementInput, plan: SettlementPlan): void {
  const sink = input.method === 'billing_center' ? 'overdue' : 'cloud_account';
  expect(plan.amountFen).toBe(input.amountFen);
  expect(plan.remainderSink).toBe(sink);
  expect(plan.paidFen + plan.remainderFen).toBe(input.amountFen);
  let totalFen = 0;
  const seen = new Set<string>();
  plan.parts.forEach((part, index) => {
    expect(Number.isSafeInteger(part.amountFen) && part.amountFen > 0).toBe(true);
    totalFen += part.amountFen;
    if (part.source === sink) {
      expect(index).toBe(plan.parts.length - 1);
      expect(part.amountFen).toBe(plan.remainderFen);
      expect([part.instrumentId, part.instrumentNumber, part.balanceFenAfter]).toEqual([
        null,
        null,
        null,
      ]);
    } else if (part.source === 'cash') {
      expect(seen.has('cash')).toBe(false);
      seen.add('cash');
      expect([part.instrumentId, part.instrumentNumber]).toEqual([null, null]);
      expect(part.balanceFenAfter).toBe(input.cashFen - part.amountFen);
    } else {
      const paying = input.instruments.find((each) => each.id === part.instrumentId);
      if (paying === undefined) throw new Error(`part names no wallet instrument: ${part.source}`);
      expect(seen.has(paying.id)).toBe(false);
      seen.add(paying.id);
      expect(part.source).toBe(paying.kind);
      expect(part.instrumentNumber).toBe(paying.number);
      expect(part.balanceFenAfter).toBe(paying.balanceFen - part.amountFen);
    }
    expect(part.balanceFenAfter === null || part.balanceFenAfter >= 0).toBe(true);
  });
  expect(totalFen).toBe(input.amountFen);
  if (plan.remainderFen === 0) expect(plan.parts.some((part) => part.source === sink)).toBe(false);
}

function runTable(rows: Case[]): void {
  it.each(rows)('%s %s %s, cash %s, wallet [%s] → %s', (...row) => {
    const input = inputOf(row);
    const plan = planSettlement(input);
    expectConsistent(input, plan);
    expect(render(plan)).toBe(row[5]);
  });
}

describe('planSettlement', () => {
  describe('every row of the deduction table (wallet: R1 1.00, D1 2.00, C1 3.00)', () => {
    // The wallet is listed in reverse; the order comes from the table, not the input.
    runTable([
      // method category        charge    cash    wallet      expected parts
      [
        BC,
        'general',
        '15.00',
        '4.00',
        'C1 D1 R1',
        'R1=1.00 D1=2.00 C1=3.00 cash=4.00 overdue=5.00',
      ],
      [BC, 'sms', '15.00', '4.00', 'C1 D1 R1', 'C1=3.00 cash=4.00 overdue=8.00'],
      [BC, 'dial_testing', '15.00', '4.00', 'C1 D1 R1', 'C1=3.00 cash=4.00 overdue=8.00'],
      // Cash never pays under a cloud account: the cloud account takes what the rest leave.
      [CA, 'general', '15.00', '4.00', 'C1 D1 R1', 'R1=1.00 D1=2.00 C1=3.00 cloud_account=9.00'],
      [CA, 'sms', '15.00', '4.00', 'C1 D1 R1', 'C1=3.00 cloud_account=12.00'],
      [CA, 'dial_testing', '15.00', '4.00', 'C1 D1 R1', 'C1=3.00 cloud_account=12.00'],
      // Smaller charges stop where they are covered; no remainder part when fully covered.
      [BC, 'general', '0.50', '4.00', 'C1 D1 R1', 'R1=0.50'],
      [BC, 'general', '2.50', '4.00', 'C1 D1 R1', 'R1=1.00 D1=1.50'],
      [BC, 'general', '6.00', '4.00', 'C1 D1 R1', 'R1=1.00 D1=2.00 C1=3.00'],
      [BC, 'general', '10.00', '4.00', 'C1 D1 R1', 'R1=1.00 D1=2.00 C1=3.00 cash=4.00'],
      [
        BC,
        'general',
        '10.01',
        '4.00',
        'C1 D1 R1',
        'R1=1.00 D1=2.00 C1=3.00 cash=4.00 overdue=0.01',
      ],
      [BC, 'sms', '0.50', '4.00', 'C1 D1 R1', 'C1=0.50'], // vouchers could pay; may not
      [BC, 'sms', '7.00', '4.00', 'C1 D1 R1', 'C1=3.00 cash=4.00'],
      [BC, 'dial_testing', '3.01', '0.00', 'C1 D1 R1', 'C1=3.00 overdue=0.01'],
      [CA, 'general', '6.00', '4.00', 'C1 D1 R1', 'R1=1.00 D1=2.00 C1=3.00'],
      [CA, 'general', '6.01', '4.00', 'C1 D1 R1', 'R1=1.00 D1=2.00 C1=3.00 cloud_account=0.01'],
      [CA, 'sms', '3.00', '4.00', 'C1 D1 R1', 'C1=3.00'],
      [CA, 'dial_testing', '0.50', '4.00', 'C1 D1 R1', 'C1=0.50'],
    ]);
  });

  describe('vouchers only, or nothing but cash', () => {
    runTable([
      // method category        charge    cash     wallet   expected parts
      [BC, 'sms', '5.00', '0.00', 'R1 D1', 'overdue=5.00'], // vouchers never pay sms
      [BC, 'dial_testing', '5.00', '2.00', 'R1 D1', 'cash=2.00 overdue=3.00'],
      [CA, 'sms', '5.00', '9.00', 'R1 D1', 'cloud_account=5.00'], // nor does cash
      [CA, 'dial_testing', '5.00', '9.00', 'R1 D1', 'cloud_account=5.00'],
      [BC, 'general', '10.00', '0.00', '', 'overdue=10.00'],
      [BC, 'general', '10.00', '10.00', '', 'cash=10.00'],
      [BC, 'sms', '10.00', '3.00', '', 'cash=3.00 overdue=7.00'],
      [BC, 'dial_testing', '10.00', '25.00', '', 'cash=10.00'],
      [CA, 'general', '10.00', '25.00', '', 'cloud_account=10.00'],
      [CA, 'sms', '10.00', '25.00', '', 'cloud_account=10.00'],
      [CA, 'dial_testing', '10.00', '0.00', '', 'cloud_account=10.00'],
      // The largest charge the API accepts, all but one fen of it overdue.
      [BC, 'general', '10000000000.00', '0.01', '', 'cash=0.01 overdue=9999999999.99'],
    ]);
  });

  describe('only instruments valid at settlement time count', () => {
    runTable([
      // method category   charge    cash    wallet       expected parts
      [BC, 'general', '10.00', '0.00', 'XE', 'overdue=10.00'], // expiresAtMs exclusive
      [BC, 'general', '10.00', '0.00', 'XL', 'XL=10.00'],
      [BC, 'general', '10.00', '0.00', 'XF', 'overdue=10.00'], // valid one ms too late
      [BC, 'general', '10.00', '0.00', 'XN', 'XN=10.00'], // validFromMs inclusive
      [BC, 'general', '10.00', '0.00', 'XD', 'overdue=10.00'],
      [BC, 'sms', '10.00', '0.00', 'XC', 'overdue=10.00'],
      // Still 'active' a day after expiry: settlement must not rely on the expiry job.
      [BC, 'sms', '10.00', '0.00', 'XP', 'overdue=10.00'],
      // Status 'expired' while its dates would still allow it: the status wins.
      [BC, 'general', '10.00', '0.00', 'XX', 'overdue=10.00'],
      [BC, 'general', '10.00', '0.00', 'XV', 'overdue=10.00'],
      [BC, 'general', '10.00', '0.00', 'XU', 'overdue=10.00'],
      // 'used_up' with a balance left: inconsistent data, and still nothing is taken from it.
      [BC, 'sms', '10.00', '0.00', 'XS', 'overdue=10.00'],
      [BC, 'general', '10.00', '0.00', 'XZ', 'overdue=10.00'], // no zero-amount part
      [BC, 'general', '10.00', '3.00', 'XZ XE', 'cash=3.00 overdue=7.00'],
      [CA, 'general', '10.00', '3.00', 'XV XF XE', 'cloud_account=10.00'],
      [BC, 'general', '25.00', '0.00', 'XE XF XV XU XZ XX XL XN', 'XL=10.00 XN=10.00 overdue=5.00'],
    ]);
  });

  describe('isUsable, which the account overview shares with the planner', () => {
    it.each([
      // number usable at now
      ['R1', true],
      ['XE', false], // expiresAtMs is exclusive
      ['XL', true],
      ['XF', false],
      ['XN', true], // validFromMs is inclusive
      ['XP', false], // past expiry, status not yet updated
      ['XX', false],
      ['XV', false],
      ['XU', false],
      ['XS', false], // used_up with a balance left
      ['XZ', false], // active with nothing left
    ])('%s → %s', (number, usable) => {
      expect(isUsable(fixture(number), NOW_MS)).toBe(usable);
    });
  });

  describe('within a kind: earliest expiry, then earliest activation, then number', () => {
    runTable([
      // method category   charge    cash    wallet          expected parts
      [BC, 'general', '12.00', '0.00', 'RA RB RC', 'RC=5.00 RB=5.00 RA=2.00'],
      // RA was activated first and sorts first by number, yet expires last.
      [BC, 'general', '5.00', '0.00', 'RA RC', 'RC=5.00'],
      // Kind before expiry: DA expires before every regular voucher, and pays after them.
      [BC, 'general', '8.00', '0.00', 'DA RA', 'RA=5.00 DA=3.00'],
      [BC, 'general', '6.00', '0.00', 'CA CB', 'CB=5.00 CA=1.00'], // same expiry
      [BC, 'sms', '6.00', '0.00', 'C-2 C-1', 'C-1=5.00 C-2=1.00'],
      // Numbers compare as strings, so C-10 sorts before C-2. Real numbers are fixed-width.
      [BC, 'sms', '11.00', '0.00', 'C-2 C-10 C-1', 'C-1=5.00 C-10=5.00 C-2=1.00'],
      [
        CA,
        'sms',
        '21.00',
        '0.00',
        'C-1 CA CB C-2',
        'CB=5.00 CA=5.00 C-1=5.00 C-2=5.00 cloud_account=1.00',
      ],
    ]);
  });

  describe('exact splits across many instruments', () => {
    // S1..S5 hold 1034.50: 100.00 + 200.00 + 300.00 + 400.00 + 34.50.
    runTable([
      // method category        charge      cash        wallet
      //   expected parts
      [
        BC,
        'general',
        '1234.56',
        '200.06',
        'S5 S3 S1 S4 S2',
        'S1=100.00 S2=200.00 S3=300.00 S4=400.00 S5=34.50 cash=200.06',
      ],
      [
        BC,
        'general',
        '1234.56',
        '10000.00',
        'S5 S3 S1 S4 S2',
        'S1=100.00 S2=200.00 S3=300.00 S4=400.00 S5=34.50 cash=200.06',
      ],
      [
        BC,
        'general',
        '1234.56',
        '200.05',
        'S5 S3 S1 S4 S2',
        'S1=100.00 S2=200.00 S3=300.00 S4=400.00 S5=34.50 cash=200.05 overdue=0.01',
      ],
      [
        BC,
        'general',
        '1234.56',
        '0.00',
        'S5 S3 S1 S4 S2',
        'S1=100.00 S2=200.00 S3=300.00 S4=400.00 S5=34.50 overdue=200.06',
      ],
      [
        CA,
        'general',
        '1234.56',
        '10000.00',
        'S5 S3 S1 S4 S2',
        'S1=100.00 S2=200.00 S3=300.00 S4=400.00 S5=34.50 cloud_account=200.06',
      ],
      [BC, 'sms', '1234.56', '1000.00', 'S5 S3 S1 S4 S2', 'S4=400.00 S5=34.50 cash=800.06'],
      [
        CA,
        'dial_testing',
        '1234.56',
        '1000.00',
        'S5 S3 S1 S4 S2',
        'S4=400.00 S5=34.50 cloud_account=800.06',
      ],
      // Exactly what the first four hold: S5 and cash are left alone.
      [
        BC,
        'general',
        '1000.00',
        '5.00',
        'S5 S3 S1 S4 S2',
        'S1=100.00 S2=200.00 S3=300.00 S4=400.00',
      ],
      [
        BC,
        'general',
        '1034.51',
        '0.00',
        'S5 S3 S1 S4 S2',
        'S1=100.00 S2=200.00 S3=300.00 S4=400.00 S5=34.50 overdue=0.01',
      ],
      [BC, 'general', '0.01', '5.00', 'S5 S3 S1 S4 S2', 'S1=0.01'],
      [BC, 'general', '0.05', '0.01', 'F3 F2 F1', 'F1=0.01 F2=0.01 F3=0.01 cash=0.01 overdue=0.01'],
      [CA, 'general', '0.05', '0.01', 'F3 F2 F1', 'F1=0.01 F2=0.01 F3=0.01 cloud_account=0.02'],
    ]);
  });

  describe('the whole plan', () => {
    it('reports what was paid, the remainder and its sink (billing center)', () => {
      const plan = planSettlement(inputOf([BC, 'general', '10.01', '4.00', 'C1 R1', '']));
      expect(plan).toEqual({
        amountFen: 1001,
        parts: [
          part(RV, 'R1', 100, 0),
          part(PC, 'C1', 300, 0),
          {
            source: 'cash',
            instrumentId: null,
            instrumentNumber: null,
            amountFen: 400,
            balanceFenAfter: 0,
          },
          {
            source: 'overdue',
            instrumentId: null,
            instrumentNumber: null,
            amountFen: 201,
            balanceFenAfter: null,
          },
        ],
        paidFen: 800,
        remainderFen: 201,
        remainderSink: 'overdue',
      });
    });

    it('names the sink even when nothing remains (cloud account)', () => {
      const plan = planSettlement(inputOf([CA, 'sms', '1.25', '4.00', 'C1 R1', '']));
      expect(plan).toEqual({
        amountFen: 125,
        parts: [part(PC, 'C1', 125, 175)],
        paidFen: 125,
        remainderFen: 0,
        remainderSink: 'cloud_account',
      });
    });

    it('gives the same plan for the same input (the preview equals the settlement)', () => {
      const input = inputOf([BC, 'general', '1234.56', '200.05', 'S5 S3 S1 S4 S2', '']);
      expect(planSettlement(input)).toEqual(planSettlement(input));
    });
  });
});

function part(source: InstrumentKind, number: string, amountFen: number, afterFen: number) {
  return {
    source,
    instrumentId: `id-${number}`,
    instrumentNumber: number,
    amountFen,
    balanceFenAfter: afterFen,
  };
}
