// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../src/app.tsx';
import { fakeApi } from './support/fake-api.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  sessionStorage.clear();
  window.location.hash = '';
});

function signedInAs(roles: string[]): void {
  sessionStorage.setItem('quantrad.session', 'token');
  fakeApi({
    'GET /api/auth/session': () => ({
      body: {
        userId: 'u-1',
        username: 'sjones',
        displayName: 'Sarah Jones',
        roles: roles.map((role) => ({ role, validUntil: null })),
      },
    }),
  });
}

async function linksShown(): Promise<string[]> {
  await screen.findByText(/^Signed in as /);
  return within(screen.getByRole('navigation', { name: 'Main' }))
    .getAllByRole('link')
    .map((a) => a.textContent);
}

describe('the header, by the roles of who is signed in', () => {
  it('names a reporter and offers the screens a reporter uses, opening at the reporting worklist', async () => {
    signedInAs(['reporter']);
    render(<App />);
    await expect(linksShown()).resolves.toEqual(['Referrals', "Today's list", 'Reporting']);
    expect(screen.getByText(/^Signed in as /).textContent).toBe('Signed in as Sarah Jones (Reporter)');
    // The shell moves to the reporter's own first screen once it knows the roles.
    await waitFor(() => {
      expect(window.location.hash).toBe('#/reporting');
    });
  });

  it('gives someone with two roles the screens of both, and keeps an address they opened', async () => {
    window.location.hash = '#/precision';
    signedInAs(['irmer_practitioner', 'medical_physics_expert']);
    render(<App />);
    await expect(linksShown()).resolves.toEqual([
      'Referrals',
      'Booking',
      "Today's list",
      'Phantom QA',
      'Scanner QA',
      'Precision',
      'Service data',
      'Audit',
      'Scanners',
    ]);
    expect(screen.getByText(/^Signed in as /).textContent).toBe(
      'Signed in as Sarah Jones (IR(ME)R practitioner, Medical physics expert)',
    );
    expect(window.location.hash).toBe('#/precision');
  });
});
