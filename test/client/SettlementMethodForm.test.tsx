/**
 * The workspaces page's settlement method: once the rules forbid a change (the month's change
 * is used, or the workspace settles through a cloud account), "Change method" is disabled and
 * the page says why and the date it can change next, as the server computed it — no form, so
 * no "not changed" refusal under warnings. A billing-center workspace may switch to a cloud
 * account only after a confirmation that names what it means. Only the transport is replaced.
 */
import { Route, Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const api = vi.hoisted(() => ({
  auth: {
    me: {
      query: vi.fn(async () => ({
        email: 'admin@acme.example',
        isOperator: false,
        memberships: [{ accountId: 'acc-1', accountName: 'Acme', role: 'admin' }],
      })),
    },
  },
  workspaces: {
    list: { query: vi.fn() },
    status: { query: vi.fn() },
    setSettlementMethod: { mutate: vi.fn() },
  },
}));
vi.mock('../../client/src/lib/trpc.ts', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  api,
}));

const { default: Workspaces } = await import('../../client/src/routes/account/Workspaces.tsx');
const { setLanguage } = await import('../../client/src/lib/i18n.ts');
const { user } = await import('../../client/src/lib/session.ts');

const workspace = {
  workspaceId: 'ws-prod',
  accountId: 'acc-1',
  name: 'Production',
  settlementMethod: 'billing_center',
  cloudProvider: null,
  cloudAccountId: null,
  methodChangedAtMs: null,
  nextMethodChangeAtMs: null,
  methodLock: null,
  createdAtMs: Date.UTC(2026, 0, 1),
};

async function showWorkspace(overrides: Partial<typeof workspace> | Record<string, unknown>) {
  api.workspaces.list.query.mockResolvedValue([{ ...workspace, ...overrides }]);
  window.history.replaceState(null, '', '/accounts/acc-1/workspaces');
  render(() => (
    <Router>
      <Route path="/accounts/:accountId/workspaces" component={Workspaces} />
    </Router>
  ));
  await screen.findByTestId('workspace-row');
  // Admin rights come from the signed-in user, loaded once.
  await vi.waitFor(() => expect(user()).toBeTruthy());
}

describe('the settlement method of a workspace', () => {
  beforeEach(() => {
    setLanguage('en');
    api.workspaces.status.query.mockResolvedValue({ status: 'active', lockAtMs: null });
  });
  afterEach(() => {
    cleanup();
    vi.clearAllMocks();
  });

  it('cannot be changed once the month’s change is used, and says from when it can', async () => {
    await showWorkspace({
      methodChangedAtMs: Date.UTC(2026, 11, 2, 3),
      // 2027-01-01 00:00 in Shanghai.
      nextMethodChangeAtMs: Date.UTC(2026, 11, 31, 16),
      methodLock: 'month_limit',
    });
    const change = screen.getByRole('button', { name: 'Change method' }) as HTMLButtonElement;
    expect(change.disabled).toBe(true);
    const note = screen.getByTestId('workspace-method-locked');
    expect(note.textContent).toBe(
      'The method was already changed this month; the next change is possible from 2027-01-01.',
    );
    expect(change.getAttribute('aria-describedby')).toBe(note.id);
    fireEvent.click(change);
    expect(screen.queryByTestId('workspace-method-form')).toBeNull();
    expect(screen.queryByText(/Not changed/)).toBeNull();
  });

  it('cannot be changed while a cloud subscription holds it, with one note only', async () => {
    await showWorkspace({
      settlementMethod: 'cloud_account',
      cloudProvider: 'aws',
      cloudAccountId: '111122223333',
      methodChangedAtMs: Date.UTC(2026, 11, 2, 3),
      nextMethodChangeAtMs: Date.UTC(2026, 11, 31, 16),
      methodLock: 'cloud_subscription',
    });
    expect(
      (screen.getByRole('button', { name: 'Change method' }) as HTMLButtonElement).disabled,
    ).toBe(true);
    const notes = screen.getAllByTestId('workspace-method-locked');
    expect(notes).toHaveLength(1);
    expect(notes[0]?.textContent).toContain('until that subscription is cancelled or released');
  });

  it('asks before switching to a cloud account, naming the consequences', async () => {
    api.workspaces.setSettlementMethod.mutate.mockResolvedValue({ ...workspace });
    await showWorkspace({});
    fireEvent.click(screen.getByRole('button', { name: 'Change method' }));
    fireEvent.change(screen.getByLabelText('Settlement method'), {
      target: { value: 'cloud_account' },
    });
    fireEvent.change(screen.getByLabelText('Cloud marketplace'), { target: { value: 'aws' } });
    fireEvent.input(screen.getByLabelText('Cloud account ID'), {
      target: { value: '111122223333' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save method' }));

    const confirm = await screen.findByTestId('workspace-cloud-confirm');
    expect(api.workspaces.setSettlementMethod.mutate).not.toHaveBeenCalled();
    const text = confirm.textContent ?? '';
    expect(text).toContain('Settle through AWS account 111122223333?');
    expect(text).toContain('general charges that vouchers and prepaid cards do not cover');
    expect(text).toContain('cannot move back to the billing center');
    expect(text).toContain('once per calendar month');

    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.queryByTestId('workspace-cloud-confirm')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Save method' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Switch to the cloud account' }));
    await vi.waitFor(() =>
      expect(api.workspaces.setSettlementMethod.mutate).toHaveBeenCalledWith({
        workspaceId: 'ws-prod',
        settlement: {
          method: 'cloud_account',
          cloudProvider: 'aws',
          cloudAccountId: '111122223333',
        },
      }),
    );
  });
});
