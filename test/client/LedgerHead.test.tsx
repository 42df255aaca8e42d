/**
 * The ledger head on the statement (docs/decisions/014-ledger-hash-chain.md): the account's
 * entry count and latest hash, copied with one click, in English and Chinese; "no entries"
 * before the first, "being chained" while history from before the chain waits. Only the
 * transport and the clipboard are replaced.
 */
import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const api = vi.hoisted(() => ({
  ledger: { head: { query: vi.fn() } },
  auth: { me: { query: vi.fn(async () => null) } },
}));
vi.mock('../../client/src/lib/trpc.ts', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  api,
}));

const { LedgerHead } = await import('../../client/src/routes/account/parts/LedgerHead.tsx');
const { setLanguage } = await import('../../client/src/lib/i18n.ts');

const HASH = '6985defa2f73d49ae8298aeb783d37466cd94df9cccd398a76eeaa37a10f15ca';
const writeText = vi.fn(async () => undefined);

describe('LedgerHead', () => {
  beforeEach(() => {
    setLanguage('en');
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  });
  afterEach(() => {
    cleanup();
    vi.clearAllMocks();
  });

  it("shows the account's entry count and latest hash, and copies the hash", async () => {
    api.ledger.head.query.mockResolvedValue({ accountId: 'acc-1', seq: 42, hash: HASH });
    render(() => <LedgerHead accountId="acc-1" />);
    expect((await screen.findByTestId('ledger-head-hash')).textContent).toBe(HASH);
    expect(screen.getByTestId('ledger-head-seq').textContent).toBe('42');
    expect(api.ledger.head.query).toHaveBeenCalledWith({ accountId: 'acc-1' });
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith(HASH);
    expect(await screen.findByRole('button', { name: 'Copied' })).toBeTruthy();
  });

  it('speaks Chinese', async () => {
    setLanguage('zh');
    api.ledger.head.query.mockResolvedValue({ accountId: 'acc-1', seq: 1, hash: HASH });
    render(() => <LedgerHead accountId="acc-1" />);
    await screen.findByTestId('ledger-head-hash');
    expect(screen.getByRole('heading', { name: '账本链头' })).toBeTruthy();
    expect(screen.getByText('最新哈希')).toBeTruthy();
  });

  it('says so before the first entry and while history is being chained', async () => {
    api.ledger.head.query.mockResolvedValueOnce({ accountId: 'acc-1', seq: 0, hash: '' });
    render(() => <LedgerHead accountId="acc-1" />);
    expect(await screen.findByText('No entries yet')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Copy' })).toBeNull();
    cleanup();
    api.ledger.head.query.mockResolvedValueOnce({ accountId: 'acc-2', seq: 0, hash: null });
    render(() => <LedgerHead accountId="acc-2" />);
    expect(await screen.findByText(/being chained/)).toBeTruthy();
  });
});
