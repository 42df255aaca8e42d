/**
 * TierPreview shows what a card order earns, from real quotes of the shared `quotePurchase`
 * with the default tiers (10,000 → 1,000; 30,000 → 5,000; 100,000 → 20,000): below, at and
 * above each threshold.
 */
import { cleanup, render, screen } from '@solidjs/testing-library';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { amountToFen } from '../../common/money.ts';
import { quotePurchase } from '../../common/tiers.ts';
import { DEFAULT_TIERS, parseTiers } from '../../server/config.ts';
import { TierPreview } from '../../client/src/components/TierPreview.tsx';
import { setLanguage } from '../../client/src/lib/i18n.ts';

const TIERS = parseTiers(DEFAULT_TIERS);

function show(denomination: string, quantity: number, withTiers = false) {
  cleanup();
  const quote = quotePurchase(TIERS, amountToFen(denomination), quantity);
  render(() => <TierPreview quote={quote} tiers={withTiers ? TIERS : undefined} />);
  return {
    total: screen.getByTestId('cards-quote-total').textContent,
    voucher: screen.getByTestId('cards-quote-voucher'),
    next: screen.queryByTestId('cards-quote-next')?.textContent ?? null,
    line: screen.getByTestId('tier-preview').textContent,
  };
}

describe('TierPreview', () => {
  beforeEach(() => setLanguage('en'));
  afterEach(cleanup);

  // denomination, quantity, total shown,  voucher earned (null: none)
  it.each([
    ['100', 1, '¥100.00', null],
    ['9900', 1, '¥9,900.00', null], // one step below the lowest tier
    ['5000', 2, '¥10,000.00', '¥1,000.00'], // exactly at the threshold: earned
    ['29900', 1, '¥29,900.00', '¥1,000.00'],
    ['10000', 3, '¥30,000.00', '¥5,000.00'], // the highest tier reached, not the sum
    ['99900', 1, '¥99,900.00', '¥5,000.00'],
    ['1000', 100, '¥100,000.00', '¥20,000.00'],
    ['50000', 100, '¥5,000,000.00', '¥20,000.00'], // far above the top tier
  ])('%s × %i: total %s, voucher %s', (denomination, quantity, total, voucher) => {
    const shown = show(denomination, quantity);
    expect(shown.total).toBe(total);
    if (voucher === null) {
      expect(shown.voucher.dataset.voucher).toBe('none');
      expect(shown.voucher.textContent).toBe('no discount voucher');
    } else {
      expect(shown.voucher.textContent).toContain(`earns a ${voucher} discount voucher`);
    }
  });

  it('reads as one sentence', () => {
    expect(show('10000', 3).line).toBe(
      'Total ¥30,000.00 — earns a ¥5,000.00 discount voucher (tier from ¥30,000.00)',
    );
  });

  it('names the next tier when the tiers are known', () => {
    expect(show('9900', 1, true).next).toBe(' (next tier at ¥10,000.00: a ¥1,000.00 voucher)');
    expect(show('10000', 3, true).next).toBe(' (next tier at ¥100,000.00: a ¥20,000.00 voucher)');
  });

  it('names no next tier at the top, nor when the tiers are unknown', () => {
    expect(show('1000', 100, true).next).toBeNull();
    expect(show('9900', 1).next).toBeNull();
  });

  it('speaks Chinese when the page does', () => {
    setLanguage('zh');
    expect(show('100', 1).voucher.textContent).toBe('不赠送折扣代金券');
  });
});
