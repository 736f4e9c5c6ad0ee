// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../src/app.tsx';
import { fakeApi, refusal } from './support/fake-api.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

const baseline = {
  scans: 10,
  meanGcm2: 1.032,
  sdGcm2: 0.0018,
  tolerancePercent: 1.5,
  lowerLimitGcm2: 1.01652,
  upperLimitGcm2: 1.04748,
  establishedAt: '2026-11-09T08:00:00.000Z',
  reason: 'Acceptance testing after installation',
};

describe('a session that ends under an open screen', () => {
  it('asks for sign-in over the screen and keeps what was typed, to send again after signing in', async () => {
    sessionStorage.setItem('quantrad.session', 'expired-token');
    window.location.hash = '#/phantom-qa';
    let signedInAgain = false;
    const { sent } = fakeApi({
      'GET /api/scanners': () => ({
        body: [{ id: 'DXA-1', modality: 'dxa', model: 'Horizon A', location: 'Bone Density Unit' }],
      }),
      'GET /api/scanners/DXA-1/phantom-chart': () => ({
        body: { scannerId: 'DXA-1', baseline, points: [], openAlerts: [] },
      }),
      'POST /api/scanners/DXA-1/phantom-scans': () =>
        signedInAgain
          ? {
              status: 201,
              body: { point: { inControl: true, signals: [] }, dailyQc: { passed: true, note: null } },
            }
          : refusal(401, 'unauthenticated', 'the session has expired'),
      'POST /api/auth/sign-in': () => ({ body: { token: 'fresh-token', next: 'second_factor' } }),
      'POST /api/auth/second-factor': () => {
        signedInAgain = true;
        return { body: { ok: true } };
      },
    });
    render(<App />);
    const user = userEvent.setup();
    const bmd = await screen.findByLabelText(/phantom L1–L4 BMD/);
    await user.type(bmd, '1.031');
    await user.click(screen.getByRole('button', { name: 'Record phantom scan' }));

    const dialog = await screen.findByRole('dialog', { name: 'Session ended' });
    expect(within(dialog).getByRole('alert').textContent).toMatch(/^Your session has ended: sign in again\./);
    expect(sessionStorage.getItem('quantrad.session')).toBeNull();
    // The screen underneath is still there, with the figure typed.
    expect(screen.getByLabelText<HTMLInputElement>(/phantom L1–L4 BMD/).value).toBe('1.031');

    await user.type(within(dialog).getByLabelText('Username'), 'operator');
    await user.type(within(dialog).getByLabelText('Password'), 'pw');
    await user.click(within(dialog).getByRole('button', { name: 'Continue' }));
    await user.type(await within(dialog).findByLabelText('Authenticator code'), '123456');
    await user.click(within(dialog).getByRole('button', { name: 'Sign in' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(sessionStorage.getItem('quantrad.session')).toBe('fresh-token');

    await user.click(screen.getByRole('button', { name: 'Record phantom scan' }));
    await screen.findByText("In control: today's daily QC on DXA-1 has passed.");
    const posts = sent.filter((r) => r.path === '/api/scanners/DXA-1/phantom-scans');
    expect(posts.map((r) => r.body)).toEqual([{ bmdGcm2: 1.031 }, { bmdGcm2: 1.031 }]);
  });
});
