/**
 * Buy cards: an order above what cash covers cannot be confirmed. The form says why and
 * offers the top-up that covers it (the overdue debt included, since money arriving pays it
 * first), links it to the top-up page with the amount filled in, and sends nothing. The
 * cards notice is shown once, also in the confirm step. The quotes come from the server's
 * own quote function with the default tiers; only the transport is replaced.
 */
import { Route, Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_TIERS, parseTiers } from '../../server/config.ts';
import type { ServiceContext } from '../../server/context.ts';
import { discountTiers, quoteCards } from '../../server/services/prepaidCards/purchase.ts';

const api = vi.hoisted(() => ({
  prepaidCards: {
    tiers: { query: vi.fn() },
    quote: { query: vi.fn() },
    purchase: { mutate: vi.fn() },
  },
  auth: { me: { query: vi.fn(async () => null) } },
}));
vi.mock('../../client/src/lib/trpc.ts', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  api,
}));

const { BuyCards } = await import('../../client/src/routes/account/cards/BuyCards.tsx');
const { setLanguage } = await import('../../client/src/lib/i18n.ts');

const ctx = { config: { discountTiers: parseTiers(DEFAULT_TIERS) } } as unknown as ServiceContext;

function renderBuyCards(cash: string, overdue = '0.00') {
  render(() => (
    <Router>
      <Route
        path="*"
        component={() => (
          <BuyCards accountId="acc-1" cash={cash} overdue={overdue} onPurchased={() => {}} />
        )}
      />
    </Router>
  ));
}

async function order(denomination: string, quantity: string) {
  fireEvent.input(await screen.findByLabelText(/Denomination per card/), {
    target: { value: denomination },
  });
  fireEvent.input(screen.getByLabelText('Quantity'), { target: { value: quantity } });
  // The quote arrives after the form's debounce.
  await screen.findByTestId('cards-quote-total', {}, { timeout: 3_000 });
}

describe('BuyCards', () => {
  beforeEach(() => {
    setLanguage('en');
    api.prepaidCards.tiers.query.mockImplementation(async () => discountTiers(ctx));
    api.prepaidCards.quote.query.mockImplementation(async (input) => quoteCards(ctx, input));
  });
  afterEach(() => {
    cleanup();
    vi.clearAllMocks();
  });

  it('cannot be confirmed above cash: says why and offers the top-up of the difference', async () => {
    renderBuyCards('24495.15');
    await order('10000', '3');
    const refusal = screen.getByTestId('cards-above-cash');
    expect(refusal.textContent).toContain('The total ¥30,000.00 is more than your cash ¥24,495.15');
    const topUp = screen.getByRole('link', { name: 'Top up ¥5,504.85' });
    expect(topUp.getAttribute('href')).toBe('/accounts/acc-1/topup?amount=5504.85');

    const review = screen.getByRole('button', { name: 'Review purchase' }) as HTMLButtonElement;
    expect(review.disabled).toBe(true);
    expect(review.getAttribute('aria-describedby')).toBe('cards-above-cash');
    // Submitting anyway (Enter in a field) opens no confirm step and buys nothing.
    fireEvent.submit(review.closest('form') as HTMLFormElement);
    expect(screen.queryByTestId('cards-confirm-step')).toBeNull();
    expect(api.prepaidCards.purchase.mutate).not.toHaveBeenCalled();
  });

  it('counts the overdue debt in the top-up, since money arriving pays it first', async () => {
    renderBuyCards('0.00', '120.50');
    await order('100', '2');
    expect(screen.getByTestId('cards-above-cash').textContent).toContain('overdue ¥120.50');
    expect(screen.getByRole('link', { name: 'Top up ¥320.50' }).getAttribute('href')).toBe(
      '/accounts/acc-1/topup?amount=320.50',
    );
  });

  it('lets an order cash covers exactly be reviewed, with the cards notice shown once', async () => {
    renderBuyCards('30000.00');
    await order('10000', '3');
    expect(screen.queryByTestId('cards-above-cash')).toBeNull();
    const review = screen.getByRole('button', { name: 'Review purchase' }) as HTMLButtonElement;
    await waitFor(() => expect(review.disabled).toBe(false));
    fireEvent.click(review);
    await screen.findByTestId('cards-confirm-step');
    expect(screen.getByRole('button', { name: 'Buy for ¥30,000.00' })).toBeTruthy();
    const notices = screen.getAllByText(/non-refundable, non-transferable/);
    expect(notices).toHaveLength(1);
  });
});
