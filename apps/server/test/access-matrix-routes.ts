import { ROLES, type Role } from '@quantrad/store';
import { QA_ROUTES } from './access-matrix-qa-routes.ts';
import { COMMISSIONING_ROUTES } from './access-matrix-commissioning-routes.ts';
import { AUDIT_ROUTES } from './access-matrix-audit-routes.ts';
import { STAFF_ROUTES } from './access-matrix-staff-routes.ts';
import { SERVICE_DATA_ROUTES } from './access-matrix-service-data-routes.ts';
import { VISIT_ROUTES } from './access-matrix-visit-routes.ts';
import { REPORTING_ROUTES } from './access-matrix-reporting-routes.ts';
import { USER_ROUTES } from './access-matrix-user-routes.ts';
import { bearer, type HttpFixture } from './http-fixture.ts';
import {
  HOLOGIC_CSV,
  authorisedReferral,
  bookedAppointment,
  draftedReport,
  freshPatient,
  freshReferral,
  nextSlot,
  referralBody,
  scannedVisitToday,
  signedReport,
  visitBody,
  appointmentToday,
} from './matrix-pathway-steps.ts';

// Every route with the roles allowed to use it and its success status; every other role gets 403.
// Written by hand from the duty holders' tasks (ROS 4.1, 4.3-4.4; IR(ME)R): only an IR(ME)R
// practitioner justifies; an operator authorises only under written criteria; a referrer refers as
// themselves and sees only their own referrals; physicists and auditors do not work the referral list;
// only an administrator adds users.

export interface RouteCase {
  name: string;
  allowed: readonly Role[];
  request: (
    f: HttpFixture,
    role: Role,
  ) => Promise<{ method: 'GET' | 'POST' | 'PUT'; url: string; payload?: object }>;
  success: number;
}

const STAFF_READERS: readonly Role[] = [
  'irmer_practitioner',
  'operator',
  'reporter',
  'service_manager',
  'administrator',
];
// The demo referrer signs in as the GP the matrix's referrals come from, so sees them (ROS 4.3).
const REFERRAL_READERS: readonly Role[] = [...STAFF_READERS, 'referrer'];
const BOOKERS: readonly Role[] = ['operator', 'administrator', 'service_manager'];

export const ROUTES: RouteCase[] = [
  ...QA_ROUTES,
  ...COMMISSIONING_ROUTES,
  ...AUDIT_ROUTES,
  ...STAFF_ROUTES,
  ...SERVICE_DATA_ROUTES,
  ...VISIT_ROUTES,
  ...REPORTING_ROUTES,
  ...USER_ROUTES,
  {
    name: 'GET /api/scanners',
    allowed: ROLES,
    success: 200,
    request: () => Promise.resolve({ method: 'GET', url: '/api/scanners' }),
  },
  {
    name: 'GET /api/auth/session',
    allowed: ROLES,
    success: 200,
    request: () => Promise.resolve({ method: 'GET', url: '/api/auth/session' }),
  },
  {
    name: 'POST /api/scanners',
    allowed: ['medical_physics_expert', 'administrator'],
    success: 201,
    request: (_f, role) =>
      Promise.resolve({
        method: 'POST',
        url: '/api/scanners',
        payload: {
          id: `DXA-${role.replace(/_/g, '-')}`,
          modality: 'dxa',
          manufacturer: 'GE',
          model: 'Lunar iDXA',
          location: 'Unit 2',
        },
      }),
  },
  {
    name: 'POST /api/scanners/:id/daily-qc',
    allowed: ['operator', 'medical_physics_expert'],
    success: 201,
    request: () =>
      Promise.resolve({ method: 'POST', url: '/api/scanners/DXA-1/daily-qc', payload: { passed: true } }),
  },
  {
    name: 'GET /api/appointments',
    allowed: ['operator', 'administrator', 'service_manager', 'irmer_practitioner', 'reporter'],
    success: 200,
    request: () => Promise.resolve({ method: 'GET', url: '/api/appointments?from=2026-11-30' }),
  },
  {
    name: 'GET /api/referrals/:id/booking',
    allowed: ['operator', 'administrator', 'service_manager', 'irmer_practitioner'],
    success: 200,
    request: async (f) => ({ method: 'GET', url: `/api/referrals/${await authorisedReferral(f)}/booking` }),
  },
  {
    name: 'POST /api/appointments',
    allowed: BOOKERS,
    success: 201,
    request: async (f) => ({
      method: 'POST',
      url: '/api/appointments',
      payload: { referralId: await authorisedReferral(f), scannerId: 'DXA-1', startsAt: nextSlot() },
    }),
  },
  {
    name: 'POST /api/appointments/:id/cancel',
    allowed: BOOKERS,
    success: 200,
    request: async (f) => ({
      method: 'POST',
      url: `/api/appointments/${await bookedAppointment(f)}/cancel`,
      payload: { requestedBy: 'patient', reason: 'Away' },
    }),
  },
  {
    name: 'POST /api/visits',
    allowed: ['operator'],
    success: 201,
    request: async (f) => ({
      method: 'POST',
      url: '/api/visits',
      payload: visitBody(await appointmentToday(f)),
    }),
  },
  {
    name: 'PUT /api/scanners/:id/lsc',
    allowed: ['medical_physics_expert'],
    success: 200,
    request: () =>
      Promise.resolve({
        method: 'PUT',
        url: '/api/scanners/DXA-1/lsc',
        payload: { site: 'spine', lscGcm2: 0.03, source: 'Precision study 2026' },
      }),
  },
  {
    name: 'POST /api/results/dxa',
    allowed: ['operator', 'reporter'],
    success: 201,
    request: async (f) => ({
      method: 'POST',
      url: '/api/results/dxa',
      payload: {
        visitId: await scannedVisitToday(f),
        sites: [
          { site: 'L1-L4', bmdGcm2: 0.9, tScore: -1.3 },
          { site: 'total_hip', side: 'left', bmdGcm2: 0.8, tScore: -1.2 },
        ],
      },
    }),
  },
  {
    name: 'PUT /api/service-details',
    allowed: ['administrator', 'service_manager'],
    success: 200,
    request: () =>
      Promise.resolve({
        method: 'PUT',
        url: '/api/service-details',
        payload: { name: 'Bath Bone Density Service', address: 'Royal United Hospital, Bath' },
      }),
  },
  {
    name: 'POST /api/reports',
    allowed: ['reporter'],
    success: 201,
    request: async (f) => {
      const visitId = await scannedVisitToday(f);
      await f.app.inject({
        method: 'POST',
        url: '/api/results/dxa',
        headers: bearer(f, 'operator'),
        payload: { visitId, sites: [{ site: 'L1-L4', bmdGcm2: 0.9, tScore: -1.3 }] },
      });
      return { method: 'POST', url: '/api/reports', payload: { visitId } };
    },
  },
  {
    name: 'POST /api/investigations',
    allowed: ['reporter', 'irmer_practitioner', 'operator'],
    success: 201,
    request: async (f) => ({
      method: 'POST',
      url: '/api/investigations',
      payload: {
        referralId: await freshReferral(f),
        kind: 'falls_service',
        reason: 'Two falls this year',
        status: 'requested',
      },
    }),
  },
  {
    name: 'POST /api/appointments/:id/rebook',
    allowed: BOOKERS,
    success: 200,
    request: async (f) => ({
      method: 'POST',
      url: `/api/appointments/${await bookedAppointment(f)}/rebook`,
      payload: { startsAt: nextSlot(), reason: 'Patient asked' },
    }),
  },
  {
    // The fixture's clock stands before every booked appointment, so an allowed role gets past the
    // entitlement check to the rule that the appointment has not started (409); others get 403.
    name: 'POST /api/appointments/:id/did-not-attend',
    allowed: BOOKERS,
    success: 409,
    request: async (f) => ({
      method: 'POST',
      url: `/api/appointments/${await bookedAppointment(f)}/did-not-attend`,
    }),
  },
  {
    name: 'POST /api/results/dxa/import',
    allowed: ['operator', 'reporter'],
    success: 201,
    request: async (f) => ({
      method: 'POST',
      url: '/api/results/dxa/import',
      payload: { visitId: await scannedVisitToday(f), vendor: 'hologic', csv: HOLOGIC_CSV },
    }),
  },
  {
    name: 'GET /api/reports/:id',
    allowed: ['reporter', 'operator', 'irmer_practitioner', 'service_manager', 'administrator'],
    success: 200,
    request: async (f) => ({ method: 'GET', url: `/api/reports/${await draftedReport(f)}` }),
  },
  {
    name: 'POST /api/reports/:id/revise',
    allowed: ['reporter'],
    success: 200,
    request: async (f) => ({
      method: 'POST',
      url: `/api/reports/${await draftedReport(f)}/revise`,
      payload: { findings: { reporterComment: 'No change to the conclusion.' } },
    }),
  },
  {
    name: 'POST /api/reports/:id/sign',
    allowed: ['reporter'],
    success: 200,
    request: async (f) => ({ method: 'POST', url: `/api/reports/${await draftedReport(f)}/sign` }),
  },
  {
    name: 'POST /api/reports/:id/amend',
    allowed: ['reporter'],
    success: 200,
    request: async (f) => ({
      method: 'POST',
      url: `/api/reports/${await signedReport(f)}/amend`,
      payload: { reason: 'Typing error corrected' },
    }),
  },
  {
    name: 'POST /api/reports/:id/issue',
    allowed: ['reporter', 'administrator', 'service_manager'],
    success: 200,
    request: async (f) => ({ method: 'POST', url: `/api/reports/${await signedReport(f)}/issue` }),
  },
  {
    name: 'PUT /api/patients/:id/registered-gp',
    allowed: STAFF_READERS,
    success: 200,
    request: async (f) => ({
      method: 'PUT',
      url: `/api/patients/${await freshPatient(f)}/registered-gp`,
      payload: { registeredGp: 'Dr A. Khan, Mill Lane Surgery, Bath BA2 1AB' },
    }),
  },
  {
    name: 'PUT /api/users/:id/reporter-profile',
    allowed: ['administrator'],
    success: 200,
    request: async (f) => {
      const created = await f.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: bearer(f, 'administrator'),
        payload: {
          username: `rep.${String(Math.random()).slice(2, 10)}`,
          displayName: 'New reporter',
          password: 'a long new password',
        },
      });
      return {
        method: 'PUT',
        url: `/api/users/${created.json<{ id: string }>().id}/reporter-profile`,
        payload: { title: 'Consultant Radiologist', registrationBody: 'GMC', registrationNumber: '7654321' },
      };
    },
  },
  {
    name: 'POST /api/appointments/reminders',
    allowed: BOOKERS,
    success: 200,
    request: () => Promise.resolve({ method: 'POST', url: '/api/appointments/reminders' }),
  },
  {
    name: 'GET /api/referrals',
    allowed: REFERRAL_READERS,
    success: 200,
    request: () => Promise.resolve({ method: 'GET', url: '/api/referrals' }),
  },
  {
    name: 'GET /api/referrals/:id',
    allowed: REFERRAL_READERS,
    success: 200,
    request: async (f) => ({ method: 'GET', url: `/api/referrals/${await freshReferral(f)}` }),
  },
  {
    name: 'GET /api/referrers',
    allowed: ['operator', 'irmer_practitioner', 'service_manager', 'administrator'],
    success: 200,
    request: () => Promise.resolve({ method: 'GET', url: '/api/referrers?name=a' }),
  },
  {
    name: 'GET /api/referral-criteria',
    allowed: ['operator', 'irmer_practitioner', 'service_manager', 'administrator'],
    success: 200,
    request: () => Promise.resolve({ method: 'GET', url: '/api/referral-criteria' }),
  },
  {
    name: 'POST /api/referrals',
    allowed: ['operator', 'irmer_practitioner', 'service_manager', 'administrator', 'referrer'],
    success: 201,
    request: () => Promise.resolve({ method: 'POST', url: '/api/referrals', payload: referralBody() }),
  },
  {
    name: 'POST /api/referrals/:id/authorise (practitioner justified)',
    allowed: ['irmer_practitioner'],
    success: 200,
    request: async (f) => ({
      method: 'POST',
      url: `/api/referrals/${await freshReferral(f)}/authorise`,
      payload: { basis: 'practitioner_justified' },
    }),
  },
  {
    name: 'POST /api/referrals/:id/authorise (operator under written criteria)',
    allowed: ['operator'],
    success: 200,
    request: async (f) => ({
      method: 'POST',
      url: `/api/referrals/${await freshReferral(f)}/authorise`,
      payload: { basis: 'operator_under_written_criteria' },
    }),
  },
  {
    name: 'POST /api/referrals/:id/return',
    allowed: ['irmer_practitioner', 'operator'],
    success: 200,
    request: async (f) => ({
      method: 'POST',
      url: `/api/referrals/${await freshReferral(f)}/return`,
      payload: { reason: 'inadequate_information', note: 'Please give the fracture history' },
    }),
  },
  {
    name: 'POST /api/referrals/:id/cancel',
    allowed: ['irmer_practitioner', 'operator', 'service_manager', 'administrator'],
    success: 200,
    request: async (f) => ({
      method: 'POST',
      url: `/api/referrals/${await freshReferral(f)}/cancel`,
      payload: { reason: 'Patient declined' },
    }),
  },
  {
    name: 'POST /api/users',
    allowed: ['administrator'],
    success: 201,
    request: (_f, role) =>
      Promise.resolve({
        method: 'POST',
        url: '/api/users',
        payload: { username: `new.${role}`, displayName: 'New user', password: 'a long new password' },
      }),
  },
];
