/**
 * SettlementPreview renders real plans from the shared planner (the function the server
 * settles with): every part in deduction order with its money, then the total.
 */
import { cleanup, render, screen } from '@solidjs/testing-library';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { amountToFen } from '../../common/money.ts';
import {
  planSettlement,
  type InstrumentSnapshot,
  type SettlementInput,
} from '../../common/settlement/plan.ts';
import { SettlementPreview } from '../../client/src/components/SettlementPreview.tsx';
import { setLanguage } from '../../client/src/lib/i18n.ts';

const NOW_MS = Date.UTC(2026, 5, 1);
const DAY_MS = 86_400_000;

function instrument(
  number: string,
  kind: InstrumentSnapshot['kind'],
  balance: string,
  expiresInDays = 90,
): InstrumentSnapshot {
  return {
    id: `id-${number}`,
    number,
    kind,
    status: 'active',
    balanceFen: amountToFen(balance),
    validFromMs: NOW_MS - DAY_MS,
    expiresAtMs: NOW_MS + expiresInDays * DAY_MS,
    activatedAtMs: NOW_MS - DAY_MS,
  };
}

function plan(amount: string, overrides: Partial<SettlementInput>) {
  return planSettlement({
    amountFen: amountToFen(amount),
    category: 'general',
    method: 'billing_center',
    instruments: [],
    cashFen: 0,
    nowMs: NOW_MS,
    ...overrides,
  });
}

function parts(): string[] {
  return screen.getAllByTestId('settlement-part').map((li) => li.textContent ?? '');
}

describe('SettlementPreview', () => {
  beforeEach(() => setLanguage('en'));
  afterEach(cleanup);

  it('shows 1,234.56 paid by a voucher, cash, and the rest to overdue', () => {
    const settlement = plan('1234.56', {
      instruments: [instrument('V-0001', 'regular_voucher', '1000.00')],
      cashFen: amountToFen('200.00'),
    });
    render(() => <SettlementPreview plan={settlement} />);
    expect(parts()).toEqual([
      '1,000.00 by regular voucher V-0001 (balance after: 0.00)',
      '200.00 from cash',
      '34.56 to overdue',
    ]);
    expect(screen.getAllByTestId('settlement-part').map((li) => li.dataset.source)).toEqual([
      'regular_voucher',
      'cash',
      'overdue',
    ]);
    expect(screen.getByTestId('settlement-total').textContent).toBe(
      'Total 1,234.56 — the wallet pays 1,200.00, 34.56 becomes overdue',
    );
  });

  it('follows the deduction order: sooner expiry first, cards before cash', () => {
    const settlement = plan('2500', {
      instruments: [
        instrument('C-9', 'prepaid_card', '5000.00', 300),
        instrument('D-2', 'discount_voucher', '300.00', 10),
        instrument('V-2', 'regular_voucher', '400.00', 60),
        instrument('V-1', 'regular_voucher', '1000.00', 20),
      ],
      cashFen: amountToFen('999.00'),
    });
    render(() => <SettlementPreview plan={settlement} />);
    expect(parts()).toEqual([
      '1,000.00 by regular voucher V-1 (balance after: 0.00)',
      '400.00 by regular voucher V-2 (balance after: 0.00)',
      '300.00 by discount voucher D-2 (balance after: 0.00)',
      '800.00 by prepaid card C-9 (balance after: 4,200.00)',
    ]);
    expect(screen.getByTestId('settlement-total').textContent).toBe(
      'Total 2,500.00 — the wallet pays 2,500.00',
    );
  });

  it('bills what cards do not cover to the cloud account, vouchers never paying SMS', () => {
    const settlement = plan('100', {
      category: 'sms',
      method: 'cloud_account',
      instruments: [
        instrument('V-1', 'regular_voucher', '1000.00'),
        instrument('C-1', 'prepaid_card', '60.50'),
      ],
      cashFen: amountToFen('500.00'),
    });
    render(() => <SettlementPreview plan={settlement} />);
    expect(parts()).toEqual([
      '60.50 by prepaid card C-1 (balance after: 0.00)',
      '39.50 billed to the cloud account',
    ]);
    expect(screen.getByTestId('settlement-total').textContent).toContain(
      '39.50 is billed to the cloud account',
    );
  });
});
