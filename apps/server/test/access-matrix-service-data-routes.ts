import type { Role } from '@quantrad/store';
import type { RouteCase } from './access-matrix-routes.ts';

// Service data (issue 5; ROS 5): aggregate figures naming no patient, for those who run, audit and
// check the service; not for the referral and scanning staff, nor referrers.
const READERS: readonly Role[] = ['service_manager', 'administrator', 'auditor', 'medical_physics_expert'];

export const SERVICE_DATA_ROUTES: RouteCase[] = [
  {
    name: 'GET /api/service-data',
    allowed: READERS,
    success: 200,
    request: () => Promise.resolve({ method: 'GET', url: '/api/service-data?from=2026-01-01&to=2026-12-31' }),
  },
  {
    name: 'GET /api/service-data.csv',
    allowed: READERS,
    success: 200,
    request: () =>
      Promise.resolve({ method: 'GET', url: '/api/service-data.csv?from=2026-01-01&to=2026-12-31' }),
  },
];
