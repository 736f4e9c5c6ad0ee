// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EnrolSecondFactor } from '../src/sign-in/enrol-second-factor.tsx';
import { fakeApi, refusal } from './support/fake-api.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const enrolment = { secret: 'JBSWY3DPEHPK3PXP', otpauthUri: 'otpauth://totp/quantrad:x', qrSvg: '<svg/>' };
const codes = Array.from({ length: 10 }, (_, i) => `code-${String(i)}`);

describe('first-time two-factor set-up', () => {
  it('shows the key, refuses a wrong code beside the field keeping it, then shows the ten recovery codes once', async () => {
    let attempts = 0;
    const { sent } = fakeApi({
      'POST /api/auth/totp/begin': () => ({ body: enrolment }),
      'POST /api/auth/totp/confirm': () =>
        ++attempts === 1
          ? refusal(400, 'invalid_code', 'the code does not match: check the time on the phone', 'code')
          : { body: { recoveryCodes: codes } },
    });
    const done = vi.fn();
    render(<EnrolSecondFactor token="t-1" onDone={done} />);
    const user = userEvent.setup();
    expect((await screen.findByTestId('totp-secret')).textContent).toBe(enrolment.secret);

    const field = screen.getByLabelText<HTMLInputElement>('Code from the app');
    await user.type(field, '000000');
    await user.click(screen.getByRole('button', { name: 'Confirm' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'the code does not match: check the time on the phone',
    );
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.value).toBe('000000');

    await user.clear(field);
    await user.type(field, '123456');
    await user.click(screen.getByRole('button', { name: 'Confirm' }));
    await screen.findByRole('heading', { name: 'Recovery codes' });
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(codes);
    await user.click(screen.getByRole('button', { name: 'I have kept them: continue' }));
    expect(done).toHaveBeenCalledOnce();
    expect(sent.filter((r) => r.path === '/api/auth/totp/confirm').map((r) => r.body)).toEqual([
      { code: '000000' },
      { code: '123456' },
    ]);
  });
});
