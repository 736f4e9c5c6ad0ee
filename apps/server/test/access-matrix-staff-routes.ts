import { ROLES, type Role } from '@quantrad/store';
import { demoUsers } from '../src/demo-data.ts';
import type { RouteCase } from './access-matrix-routes.ts';
import { bearer, type HttpFixture } from './http-fixture.ts';

// Staff training routes (issue 5; ROS 6.1, 9.1, Appendix 3) and who may use them: the service manager
// and the administrator keep everyone's training record (ROS 4.12, 6), the auditor reads them (ROS 9.1,
// 9.2); everyone reads their own, records their own CPD and confirms they have read the local rules.

const KEEPERS: readonly Role[] = ['service_manager', 'administrator'];
const READERS: readonly Role[] = [...KEEPERS, 'auditor'];
const EVERYONE: readonly Role[] = ROLES;

const colleagues = new WeakMap<HttpFixture, string>();
/** A member of staff who is none of the demo users, added once per fixture by the administrator. */
async function colleague(f: HttpFixture): Promise<string> {
  const known = colleagues.get(f);
  if (known !== undefined) return known;
  const created = await f.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: bearer(f, 'administrator'),
    payload: {
      username: 'matrix.colleague',
      displayName: 'Matrix Colleague',
      password: 'a long enough matrix password',
      entitlements: [{ role: 'operator', scope: '*', validFrom: '2026-01-01', validUntil: null }],
    },
  });
  const id = created.json<{ id: string }>().id;
  colleagues.set(f, id);
  return id;
}

/** The demo user of a role's own id. */
async function own(f: HttpFixture, role: Role): Promise<string> {
  const username = demoUsers().find((u) => u.role === role)?.username ?? '';
  const user = await f.store.users.byUsername(username);
  if (!user) throw new Error(`no demo user for ${role}`);
  return user.id;
}

export const STAFF_ROUTES: RouteCase[] = [
  {
    name: "GET /api/users/:id/training (a colleague's)",
    allowed: READERS,
    success: 200,
    request: async (f) => ({ method: 'GET', url: `/api/users/${await colleague(f)}/training` }),
  },
  {
    name: 'GET /api/users/:id/training (their own)',
    allowed: EVERYONE,
    success: 200,
    request: async (f, role) => ({ method: 'GET', url: `/api/users/${await own(f, role)}/training` }),
  },
  {
    name: 'POST /api/users/:id/training',
    allowed: KEEPERS,
    success: 201,
    request: async (f) => ({
      method: 'POST',
      url: `/api/users/${await colleague(f)}/training`,
      payload: { kind: 'manual_handling', completedOn: '2026-10-01', evidence: 'MH-2026-17' },
    }),
  },
  {
    name: "POST /api/users/:id/cpd (a colleague's)",
    allowed: KEEPERS,
    success: 201,
    request: async (f) => ({
      method: 'POST',
      url: `/api/users/${await colleague(f)}/cpd`,
      payload: { doneOn: '2026-11-02', hours: 1.5, activity: 'Vertebral fracture assessment webinar' },
    }),
  },
  {
    name: 'POST /api/users/:id/cpd (their own)',
    allowed: EVERYONE,
    success: 201,
    request: async (f, role) => ({
      method: 'POST',
      url: `/api/users/${await own(f, role)}/cpd`,
      payload: { doneOn: '2026-11-02', hours: 1, activity: 'Journal club' },
    }),
  },
  {
    name: "POST /api/users/:id/local-rules-read (a colleague's)",
    allowed: KEEPERS,
    success: 201,
    request: async (f) => ({
      method: 'POST',
      url: `/api/users/${await colleague(f)}/local-rules-read`,
      payload: { readOn: '2026-11-20' },
    }),
  },
  {
    name: 'POST /api/users/:id/local-rules-read (their own)',
    allowed: EVERYONE,
    success: 201,
    request: async (f, role) => ({
      method: 'POST',
      url: `/api/users/${await own(f, role)}/local-rules-read`,
      payload: {},
    }),
  },
  {
    name: 'GET /api/staff/training-lapses',
    allowed: READERS,
    success: 200,
    request: () => Promise.resolve({ method: 'GET', url: '/api/staff/training-lapses?within=90' }),
  },
];
