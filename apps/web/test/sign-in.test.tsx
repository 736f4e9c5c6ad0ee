// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SignIn } from '../src/sign-in/sign-in.tsx';
import { fakeApi, refusal } from './support/fake-api.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the sign-in form', () => {
  it('shows a refused password beside the form and keeps the username typed', async () => {
    const { sent } = fakeApi({
      'POST /api/auth/sign-in': () => refusal(401, 'unauthenticated', 'the username or password is wrong'),
    });
    render(<SignIn notice={null} onSignedIn={() => undefined} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Username'), 'jbloggs');
    await user.type(screen.getByLabelText('Password'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect((await screen.findByRole('alert')).textContent).toBe('the username or password is wrong');
    expect(screen.getByLabelText<HTMLInputElement>('Username').value).toBe('jbloggs');
    expect(sent).toEqual([
      { method: 'POST', path: '/api/auth/sign-in', body: { username: 'jbloggs', password: 'wrong' } },
    ]);
  });

  it('asks for the authenticator code next and hands over the session token once it is accepted', async () => {
    const { sent } = fakeApi({
      'POST /api/auth/sign-in': () => ({ body: { token: 't-123', next: 'second_factor' } }),
      'POST /api/auth/second-factor': () => ({ body: { ok: true } }),
    });
    const signedIn = vi.fn();
    render(<SignIn notice={null} onSignedIn={signedIn} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Username'), 'jbloggs');
    await user.type(screen.getByLabelText('Password'), 'right');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.type(await screen.findByLabelText('Authenticator code'), '123456');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(signedIn).toHaveBeenCalledWith('t-123');
    expect(sent[1]).toEqual({ method: 'POST', path: '/api/auth/second-factor', body: { code: '123456' } });
  });
});
