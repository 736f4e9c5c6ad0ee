// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StaffTrainingView, UserDetail } from '../src/admin/admin-types.ts';
import { UserDetailScreen } from '../src/admin/user-detail.tsx';
import { fakeApi, refusal } from './support/fake-api.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ADMIN: UserDetail = {
  id: 'u-1',
  username: 'admin',
  displayName: 'Alex Admin',
  active: true,
  disabledAt: null,
  secondFactor: true,
  createdAt: '2026-01-01T08:00:00.000Z',
  reporterProfile: null,
  entitlements: [
    {
      id: 'e-1',
      role: 'administrator',
      scope: '*',
      validFrom: '2026-01-01',
      validUntil: null,
      revokedAt: null,
      note: null,
      state: 'current',
    },
    {
      id: 'e-2',
      role: 'operator',
      scope: '*',
      validFrom: '2025-01-01',
      validUntil: '2025-12-31',
      revokedAt: null,
      note: null,
      state: 'expired',
    },
  ],
};

const TRAINING: StaffTrainingView = {
  userId: 'u-1',
  username: 'admin',
  displayName: 'Alex Admin',
  training: [],
  entitlements: [],
  localRules: { currentVersion: '2026-1', readCurrent: false, readings: [] },
  cpd: [],
};

describe("a user's page", () => {
  it('asks before ending an entitlement and shows the refusal of your own last administrator entitlement', async () => {
    const { sent } = fakeApi({
      'GET /api/users/u-1': () => ({ body: ADMIN }),
      'GET /api/users/u-1/training': () => ({ body: TRAINING }),
      'POST /api/users/u-1/entitlements/e-1/end': () =>
        refusal(409, 'conflict', 'you cannot end your own last administrator entitlement'),
    });
    const confirm = vi.fn(() => true);
    vi.stubGlobal('confirm', confirm);
    render(<UserDetailScreen userId="u-1" onSessionEnded={() => undefined} />);
    await screen.findByRole('heading', { name: 'Alex Admin (admin)' });
    const rows = within(screen.getByRole('table', { name: 'Entitlements of admin' })).getAllByRole('row');
    // The header, then the administrator entitlement (which can be ended) and the expired one (which cannot).
    expect(rows.map((r) => r.textContent)).toEqual([
      'RoleScopeValid fromExpires afterStateChange',
      'Administratorall2026-01-01no expiryCurrentEnd Administrator',
      'Operatorall2025-01-012025-12-31Expired',
    ]);
    await userEvent.setup().click(screen.getByRole('button', { name: 'End Administrator' }));
    expect(confirm).toHaveBeenCalledWith('End the Administrator entitlement of admin now?');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'you cannot end your own last administrator entitlement',
    );
    expect(sent.filter((r) => r.method === 'POST')).toEqual([
      { method: 'POST', path: '/api/users/u-1/entitlements/e-1/end', body: {} },
    ]);
  });

  it('sends nothing when the ending is not confirmed', async () => {
    const { sent } = fakeApi({
      'GET /api/users/u-1': () => ({ body: ADMIN }),
      'GET /api/users/u-1/training': () => ({ body: TRAINING }),
    });
    vi.stubGlobal(
      'confirm',
      vi.fn(() => false),
    );
    render(<UserDetailScreen userId="u-1" onSessionEnded={() => undefined} />);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'End Administrator' }));
    expect(sent.filter((r) => r.method === 'POST')).toEqual([]);
  });
});
