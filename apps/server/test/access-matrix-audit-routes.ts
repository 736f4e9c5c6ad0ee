import { ROLES, type Role } from '@quantrad/store';
import type { RouteCase } from './access-matrix-routes.ts';
import {
  freshAudit,
  freshIncident,
  incidentAnalysis,
  incidentBody,
  openActionUrl,
} from './matrix-audit-steps.ts';

// The audit programme (ROS 9.2) and incidents (ROS 5), and who may use them: the auditor, the service
// manager, the physicist and the IR(ME)R practitioner run audits; only the service manager closes an
// audit or an incident; anyone on the staff (not a referrer) reports an incident; the service manager or
// the physicist analyses it.
const AUDIT_RUNNERS: readonly Role[] = [
  'auditor',
  'service_manager',
  'medical_physics_expert',
  'irmer_practitioner',
];
const INCIDENT_REPORTERS: readonly Role[] = ROLES.filter((r) => r !== 'referrer');
const INCIDENT_READERS: readonly Role[] = ['service_manager', 'medical_physics_expert', 'auditor'];
// The hash-chained audit trail (ROS 4.15): read by the auditor, the service manager and the administrator.
const AUDIT_TRAIL_READERS: readonly Role[] = ['auditor', 'service_manager', 'administrator'];

/** A different ended month for each role, so each draw is a new one (a month is drawn only once). */
function monthFor(role: Role): string {
  return `2025-${String(ROLES.indexOf(role) + 1).padStart(2, '0')}`;
}

export const AUDIT_ROUTES: RouteCase[] = [
  {
    name: 'POST /api/audits/samples',
    allowed: AUDIT_RUNNERS,
    success: 201,
    request: (_f, role) =>
      Promise.resolve({
        method: 'POST',
        url: '/api/audits/samples',
        payload: { month: monthFor(role), kind: 'referrals' },
      }),
  },
  {
    name: 'GET /api/audit-types',
    allowed: AUDIT_RUNNERS,
    success: 200,
    request: () => Promise.resolve({ method: 'GET', url: '/api/audit-types' }),
  },
  {
    name: 'GET /api/audit-trail',
    allowed: AUDIT_TRAIL_READERS,
    success: 200,
    request: () => Promise.resolve({ method: 'GET', url: '/api/audit-trail?action=read&limit=5' }),
  },
  {
    name: 'GET /api/audit-trail/verification',
    allowed: AUDIT_TRAIL_READERS,
    success: 200,
    request: () => Promise.resolve({ method: 'GET', url: '/api/audit-trail/verification?limit=50' }),
  },
  {
    name: 'GET /api/audits',
    allowed: AUDIT_RUNNERS,
    success: 200,
    request: () => Promise.resolve({ method: 'GET', url: '/api/audits' }),
  },
  {
    name: 'POST /api/audits',
    allowed: AUDIT_RUNNERS,
    success: 201,
    request: () =>
      Promise.resolve({
        method: 'POST',
        url: '/api/audits',
        payload: {
          auditType: 'pregnancy_checks',
          scope: 'Scans in October',
          periodFrom: '2026-10-01',
          periodTo: '2026-10-31',
        },
      }),
  },
  {
    name: 'GET /api/audits/:id',
    allowed: AUDIT_RUNNERS,
    success: 200,
    request: async (f) => ({ method: 'GET', url: `/api/audits/${await freshAudit(f)}` }),
  },
  {
    name: 'POST /api/audits/:id/findings',
    allowed: AUDIT_RUNNERS,
    success: 201,
    request: async (f) => ({
      method: 'POST',
      url: `/api/audits/${await freshAudit(f)}/findings`,
      payload: { severity: 'low', description: 'One referral lacked the referrer’s registration number' },
    }),
  },
  {
    name: 'POST /api/audits/:id/actions',
    allowed: AUDIT_RUNNERS,
    success: 201,
    request: async (f) => ({
      method: 'POST',
      url: `/api/audits/${await freshAudit(f)}/actions`,
      payload: { description: 'Write to the practice', owner: 'Lead operator', dueOn: '2026-12-15' },
    }),
  },
  {
    name: 'POST /api/audits/:id/actions/:actionId/close',
    allowed: AUDIT_RUNNERS,
    success: 200,
    request: async (f) => ({
      method: 'POST',
      url: await openActionUrl(f),
      payload: { whatWasDone: 'Letter sent to all referring practices' },
    }),
  },
  {
    name: 'POST /api/audits/:id/close',
    allowed: ['service_manager'],
    success: 200,
    request: async (f) => ({
      method: 'POST',
      url: `/api/audits/${await freshAudit(f)}/close`,
      payload: { conclusion: 'All referrers entitled' },
    }),
  },
  {
    name: 'POST /api/incidents',
    allowed: INCIDENT_REPORTERS,
    success: 201,
    request: () => Promise.resolve({ method: 'POST', url: '/api/incidents', payload: incidentBody() }),
  },
  {
    name: 'GET /api/incidents',
    allowed: INCIDENT_READERS,
    success: 200,
    request: () => Promise.resolve({ method: 'GET', url: '/api/incidents' }),
  },
  {
    name: 'GET /api/incidents/:id',
    allowed: INCIDENT_READERS,
    success: 200,
    request: async (f) => ({ method: 'GET', url: `/api/incidents/${await freshIncident(f)}` }),
  },
  {
    name: 'POST /api/incidents/:id/analysis',
    allowed: ['service_manager', 'medical_physics_expert'],
    success: 200,
    request: async (f) => ({
      method: 'POST',
      url: `/api/incidents/${await freshIncident(f)}/analysis`,
      payload: incidentAnalysis(),
    }),
  },
  {
    name: 'POST /api/incidents/:id/close',
    allowed: ['service_manager'],
    success: 200,
    request: async (f) => ({ method: 'POST', url: `/api/incidents/${await freshIncident(f, true)}/close` }),
  },
];
