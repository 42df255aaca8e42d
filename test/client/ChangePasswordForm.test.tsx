/**
 * The change-password form: two different new passwords are refused before anything is
 * sent; the API's reason (a wrong current password, a new one too short) is shown under the
 * field it names, in the UI's language; a success clears the fields and says how many other
 * sessions ended.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { TRPCClientError } from '@trpc/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fieldIssue } from '../../common/issues.ts';
import { setLanguage } from '../../client/src/lib/i18n.ts';
import {
  ChangePasswordForm,
  type PasswordChange,
} from '../../client/src/routes/security/ChangePasswordForm.tsx';

type Changed = { ok: true; endedSessions: number };

/** The error the typed client raises for a wrong current password. */
function wrongCurrentPassword() {
  return TRPCClientError.from({
    error: {
      message: 'currentPassword: is wrong',
      code: -32600,
      data: {
        code: 'BAD_REQUEST',
        httpStatus: 400,
        domainCode: 'VALIDATION',
        params: {},
        issues: [fieldIssue('currentPassword', 'PASSWORD_WRONG')],
      },
    },
  });
}

function renderForm(change: (input: PasswordChange) => Promise<Changed>) {
  const onChanged = vi.fn<(result: Changed) => void>();
  render(() => <ChangePasswordForm change={change} onChanged={onChanged} />);
  const fill = (current: string, next: string, repeat: string) => {
    fireEvent.input(screen.getByTestId('password-current'), { target: { value: current } });
    fireEvent.input(screen.getByTestId('password-new'), { target: { value: next } });
    fireEvent.input(screen.getByTestId('password-repeat'), { target: { value: repeat } });
    fireEvent.submit(screen.getByTestId('password-form'));
  };
  return { onChanged, fill };
}

describe('ChangePasswordForm', () => {
  beforeEach(() => setLanguage('en'));
  afterEach(cleanup);

  it('refuses two different new passwords without asking the API', async () => {
    const change = vi.fn<(input: PasswordChange) => Promise<Changed>>();
    const { fill } = renderForm(change);
    fill('temporary-1', 'a-long-new-secret', 'a-long-new-secreT');
    expect(screen.getByTestId('error-repeatPassword').textContent).toBe(
      'The two new passwords differ.',
    );
    expect(screen.getByTestId('password-repeat').getAttribute('aria-invalid')).toBe('true');
    expect(change).not.toHaveBeenCalled();
  });

  it('shows a wrong current password under that field, in Chinese', async () => {
    setLanguage('zh');
    const change = vi.fn(() => Promise.reject(wrongCurrentPassword()));
    const { fill, onChanged } = renderForm(change);
    fill('not-it', 'a-long-new-secret', 'a-long-new-secret');
    await waitFor(() =>
      expect(screen.getByTestId('error-currentPassword').textContent).toBe('当前密码不正确。'),
    );
    expect(change).toHaveBeenCalledWith({
      currentPassword: 'not-it',
      newPassword: 'a-long-new-secret',
    });
    // Shown by its field, so not repeated in an alert.
    expect(screen.queryByRole('alert')).toBeNull();
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('sends matching passwords, clears the form and reports the other sessions ended', async () => {
    const change = vi.fn(() => Promise.resolve({ ok: true, endedSessions: 2 } as const));
    const { fill, onChanged } = renderForm(change);
    fill('temporary-1', 'a-long-new-secret', 'a-long-new-secret');
    await waitFor(() =>
      expect(screen.getByTestId('password-changed').textContent).toBe(
        'Your password is changed. Sessions signed out elsewhere: 2.',
      ),
    );
    expect(onChanged).toHaveBeenCalledWith({ ok: true, endedSessions: 2 });
    expect((screen.getByTestId('password-new') as HTMLInputElement).value).toBe('');
  });
});
