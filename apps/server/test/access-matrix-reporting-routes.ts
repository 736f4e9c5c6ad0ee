import type { Role } from '@quantrad/store';
import type { RouteCase } from './access-matrix-routes.ts';
import { draftedReport, signedReport } from './matrix-pathway-steps.ts';

// The reporting worklist and a report's versions (issue 6; ROS 4.6): the worklist is for those who act on
// it (the reporter drafts and signs, the office issues); a report's versions are read by the staff who
// may read the report itself.

const WORKLIST: readonly Role[] = ['reporter', 'administrator', 'service_manager'];
const REPORT_READERS: readonly Role[] = [
  'reporter',
  'operator',
  'irmer_practitioner',
  'service_manager',
  'administrator',
];

export const REPORTING_ROUTES: RouteCase[] = [
  {
    name: 'GET /api/reports',
    allowed: WORKLIST,
    success: 200,
    request: () => Promise.resolve({ method: 'GET', url: '/api/reports?stage=to_sign' }),
  },
  {
    name: 'GET /api/reports/:id/versions',
    allowed: REPORT_READERS,
    success: 200,
    request: async (f) => ({ method: 'GET', url: `/api/reports/${await draftedReport(f)}/versions` }),
  },
  {
    name: 'GET /api/reports/:id/versions/:version',
    allowed: REPORT_READERS,
    success: 200,
    request: async (f) => ({
      method: 'GET',
      url: `/api/reports/${await signedReport(f)}/versions/1?format=html`,
    }),
  },
];
