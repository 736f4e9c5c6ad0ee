// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AddUserForm } from '../src/admin/add-user-form.tsx';
import { fakeApi, refusal } from './support/fake-api.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function fillIn(): Promise<void> {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Username'), 'rita.radiographer');
  await user.type(screen.getByLabelText('Full name'), 'Rita Radiographer');
  await user.type(screen.getByLabelText('Password'), 'short');
  await user.selectOptions(screen.getByLabelText('Role'), 'operator');
  fireEvent.change(screen.getByLabelText('Valid from'), { target: { value: '2026-12-01' } });
  fireEvent.change(screen.getByLabelText('Expires after (blank: no expiry)'), {
    target: { value: '2027-11-30' },
  });
  await user.click(screen.getByRole('button', { name: 'Add user' }));
}

describe('the add-user form', () => {
  it('sends the user with an entitlement that expires, and shows a weak password beside the password', async () => {
    const { sent } = fakeApi({
      'POST /api/users': () =>
        refusal(400, 'invalid', 'password: must be at least 12 characters', 'password'),
    });
    const added = vi.fn();
    render(<AddUserForm today="2026-11-23" onAdded={added} onSessionEnded={() => undefined} />);
    await fillIn();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('password: must be at least 12 characters');
    // Beside its field: the password input is the one marked invalid and described by the message.
    const password = screen.getByLabelText<HTMLInputElement>('Password');
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(password.getAttribute('aria-describedby')).toBe(alert.id);
    expect(screen.getByLabelText('Username').getAttribute('aria-invalid')).toBe('false');
    expect(sent).toEqual([
      {
        method: 'POST',
        path: '/api/users',
        body: {
          username: 'rita.radiographer',
          displayName: 'Rita Radiographer',
          password: 'short',
          entitlements: [{ role: 'operator', scope: '*', validFrom: '2026-12-01', validUntil: '2027-11-30' }],
        },
      },
    ]);
    // Nothing typed is lost.
    expect(screen.getByLabelText<HTMLInputElement>('Username').value).toBe('rita.radiographer');
    expect(screen.getByLabelText<HTMLInputElement>('Full name').value).toBe('Rita Radiographer');
    expect(password.value).toBe('short');
    expect(screen.getByLabelText<HTMLInputElement>('Expires after (blank: no expiry)').value).toBe(
      '2027-11-30',
    );
    expect(added).not.toHaveBeenCalled();
  });

  it('shows a taken username beside the username', async () => {
    fakeApi({
      'POST /api/users': () => refusal(409, 'conflict', 'username rita.radiographer is taken', 'username'),
    });
    render(<AddUserForm today="2026-11-23" onAdded={() => undefined} onSessionEnded={() => undefined} />);
    await fillIn();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('username rita.radiographer is taken');
    expect(screen.getByLabelText('Username').getAttribute('aria-describedby')).toBe(alert.id);
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBe('false');
  });

  it('sends no expiry as null and hands the new user over once added', async () => {
    const { sent } = fakeApi({
      'POST /api/users': () => ({ status: 201, body: { id: 'u-1', username: 'rita.radiographer' } }),
    });
    const added = vi.fn();
    render(<AddUserForm today="2026-11-23" onAdded={added} onSessionEnded={() => undefined} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Username'), 'rita.radiographer');
    await user.type(screen.getByLabelText('Full name'), 'Rita Radiographer');
    await user.type(screen.getByLabelText('Password'), 'a long enough passphrase');
    await user.click(screen.getByRole('button', { name: 'Add user' }));
    await vi.waitFor(() => {
      expect(added).toHaveBeenCalledWith({ id: 'u-1', username: 'rita.radiographer' });
    });
    expect(sent[0]?.body).toMatchObject({
      entitlements: [{ role: 'operator', scope: '*', validFrom: '2026-11-23', validUntil: null }],
    });
  });
});
