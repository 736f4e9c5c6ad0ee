import type { Role } from '@quantrad/store';
import type { RouteCase } from './access-matrix-routes.ts';
import { scannedVisitToday } from './matrix-pathway-steps.ts';

// The day's list and a visit's results (issue 6): the list names patients, so it is for those who book,
// justify, scan and report (as the appointment list); a visit's results for those who enter them.
const DAY_LIST_READERS: readonly Role[] = [
  'operator',
  'administrator',
  'service_manager',
  'irmer_practitioner',
  'reporter',
];

export const VISIT_ROUTES: RouteCase[] = [
  {
    name: 'GET /api/visits/day',
    allowed: DAY_LIST_READERS,
    success: 200,
    request: () => Promise.resolve({ method: 'GET', url: '/api/visits/day?date=2026-11-23' }),
  },
  {
    name: 'GET /api/visits/:id/results',
    allowed: ['operator', 'reporter'],
    success: 200,
    request: async (f) => ({ method: 'GET', url: `/api/visits/${await scannedVisitToday(f)}/results` }),
  },
];
