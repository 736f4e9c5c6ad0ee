import type { RouteCase } from './access-matrix-routes.ts';
import { bearer, type HttpFixture } from './http-fixture.ts';

// User administration routes (issue 6; ROS 4.1: duty holders entitled by the employer's procedures):
// only an administrator lists, reads and changes users and their entitlements.

/** A fresh user with an operator entitlement, added by the administrator. */
async function freshUser(f: HttpFixture): Promise<{ id: string; entitlementId: string }> {
  const created = await f.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: bearer(f, 'administrator'),
    payload: {
      username: `adm.${String(Math.random()).slice(2, 10)}`,
      displayName: 'Administered user',
      password: 'a long enough matrix password',
      entitlements: [{ role: 'operator', scope: '*', validFrom: '2026-01-01', validUntil: '2027-12-31' }],
    },
  });
  const id = created.json<{ id: string }>().id;
  const detail = await f.app.inject({
    method: 'GET',
    url: `/api/users/${id}`,
    headers: bearer(f, 'administrator'),
  });
  const entitlementId = detail.json<{ entitlements: { id: string }[] }>().entitlements[0]?.id ?? '';
  return { id, entitlementId };
}

export const USER_ROUTES: RouteCase[] = [
  {
    name: 'GET /api/users',
    allowed: ['administrator'],
    success: 200,
    request: () => Promise.resolve({ method: 'GET', url: '/api/users?role=operator&limit=10' }),
  },
  {
    name: 'GET /api/users/:id',
    allowed: ['administrator'],
    success: 200,
    request: async (f) => ({ method: 'GET', url: `/api/users/${(await freshUser(f)).id}` }),
  },
  {
    name: 'POST /api/users/:id/entitlements',
    allowed: ['administrator'],
    success: 201,
    request: async (f) => ({
      method: 'POST',
      url: `/api/users/${(await freshUser(f)).id}/entitlements`,
      payload: { role: 'reporter', validFrom: '2026-11-01', validUntil: '2027-10-31' },
    }),
  },
  {
    name: 'POST /api/users/:id/entitlements/:entitlementId/end',
    allowed: ['administrator'],
    success: 200,
    request: async (f) => {
      const user = await freshUser(f);
      return {
        method: 'POST',
        url: `/api/users/${user.id}/entitlements/${user.entitlementId}/end`,
        payload: { reason: 'moved to another trust' },
      };
    },
  },
  {
    name: 'POST /api/users/:id/deactivate',
    allowed: ['administrator'],
    success: 200,
    request: async (f) => ({
      method: 'POST',
      url: `/api/users/${(await freshUser(f)).id}/deactivate`,
      payload: {},
    }),
  },
];
