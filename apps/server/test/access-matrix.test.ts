import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, TEST_BACKENDS, type Role } from '@quantrad/store';
import { bearer, httpFixture, type HttpFixture } from './http-fixture.ts';

// Every route × every role: allowed (the route's success status) or denied (403). Written by hand from
// the duty holders' tasks (ROS 4.1, 4.3-4.4; IR(ME)R): only an IR(ME)R practitioner justifies; an
// operator authorises only under written criteria; a referrer refers as themselves and sees only their
// own referrals; physicists and auditors do not work the referral list; only an administrator adds users.

interface RouteCase {
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

let patientCounter = 0;
function referralBody(): object {
  patientCounter += 1;
  return {
    patient: {
      identifier: `matrix-${String(patientCounter)}`,
      familyName: 'Matrix',
      givenNames: 'Test',
      birthDate: '1950-01-01',
      address: '1 Test Road',
      sex: 'female',
    },
    referrerId: '0b7d8a4e-6f1c-4d1e-9f0a-000000000001',
    source: 'gp',
    examination: 'dxa',
    indications: ['fragility_fracture'],
    clinicalInformation: 'Wrist fracture from standing height at 70.',
    signedByReferrer: true,
    method: 'electronic',
  };
}

/** A fresh received referral, registered by the operator, for a decision route to act on. */
async function freshReferral(f: HttpFixture): Promise<string> {
  const created = await f.app.inject({
    method: 'POST',
    url: '/api/referrals',
    headers: bearer(f, 'operator'),
    payload: referralBody(),
  });
  return created.json<{ id: string }>().id;
}

/** A fresh referral authorised by the IR(ME)R practitioner, ready to book. */
async function authorisedReferral(f: HttpFixture): Promise<string> {
  const id = await freshReferral(f);
  await f.app.inject({
    method: 'POST',
    url: `/api/referrals/${id}/authorise`,
    headers: bearer(f, 'irmer_practitioner'),
    payload: { basis: 'practitioner_justified' },
  });
  return id;
}

let slot = 0;
/** A distinct future half-hour on DXA-1 for each booking. */
function nextSlot(): string {
  slot += 1;
  return new Date(Date.parse('2026-12-07T08:00:00Z') + slot * 30 * 60_000).toISOString();
}

/** A fresh booked appointment, booked by the operator. */
async function bookedAppointment(f: HttpFixture): Promise<string> {
  const booked = await f.app.inject({
    method: 'POST',
    url: '/api/appointments',
    headers: bearer(f, 'operator'),
    payload: { referralId: await authorisedReferral(f), scannerId: 'DXA-1', startsAt: nextSlot() },
  });
  return booked.json<{ id: string }>().id;
}

/** A visit scanned today on DXA-1, recorded by the operator. */
async function scannedVisitToday(f: HttpFixture): Promise<string> {
  const visit = await f.app.inject({
    method: 'POST',
    url: '/api/visits',
    headers: bearer(f, 'operator'),
    payload: visitBody(await appointmentToday(f)),
  });
  return visit.json<{ id: string }>().id;
}

function visitBody(appointmentId: string): object {
  return {
    appointmentId,
    identity: { name: true, birthDate: true, address: true, examination: true },
    pregnancy: { childBearingCapacity: false, status: 'not_applicable' },
    heightCm: 160,
    weightKg: 60,
    consent: true,
    contraindications: { recentNuclearMedicine: false, recentContrast: false },
    sitesScanned: ['lumbar_spine', 'left_hip'],
  };
}

const BOOKERS: readonly Role[] = ['operator', 'administrator', 'service_manager'];

/** An appointment booked for today on DXA-1 (daily QC passed in the demo data), for a scan visit. */
// Half-hour slots from 09:05 on the fixture's day on four DXA scanners with passed QC: room for over
// a hundred visits before midnight UTC.
const MATRIX_SCANNERS = ['DXA-1', 'DXA-M2', 'DXA-M3', 'DXA-M4'] as const;
let visitSlot = 0;

async function addMatrixScanners(f: HttpFixture): Promise<void> {
  for (const id of MATRIX_SCANNERS.slice(1)) {
    await f.app.inject({
      method: 'POST',
      url: '/api/scanners',
      headers: bearer(f, 'medical_physics_expert'),
      payload: { id, modality: 'dxa', manufacturer: 'Hologic', model: 'Horizon A', location: 'Unit 2' },
    });
    await f.app.inject({
      method: 'POST',
      url: `/api/scanners/${id}/daily-qc`,
      headers: bearer(f, 'operator'),
      payload: { passed: true },
    });
  }
}

/** A drafted report of a visit scanned today, with results entered. */
async function draftedReport(f: HttpFixture): Promise<string> {
  const visitId = await scannedVisitToday(f);
  await f.app.inject({
    method: 'POST',
    url: '/api/results/dxa',
    headers: bearer(f, 'operator'),
    payload: { visitId, sites: [{ site: 'L1-L4', bmdGcm2: 0.9, tScore: -1.3 }] },
  });
  const draft = await f.app.inject({
    method: 'POST',
    url: '/api/reports',
    headers: bearer(f, 'reporter'),
    payload: { visitId },
  });
  return draft.json<{ id: string }>().id;
}

/** A drafted report, signed by the reporter. */
async function signedReport(f: HttpFixture): Promise<string> {
  const id = await draftedReport(f);
  await f.app.inject({ method: 'POST', url: `/api/reports/${id}/sign`, headers: bearer(f, 'reporter') });
  return id;
}

const HOLOGIC_CSV = 'Region,Side,BMD (g/cm2),T-score\nTotal,,0.900,-1.3\n';
async function appointmentToday(f: HttpFixture): Promise<string> {
  visitSlot += 1;
  const booked = await f.app.inject({
    method: 'POST',
    url: '/api/appointments',
    headers: bearer(f, 'operator'),
    payload: {
      referralId: await authorisedReferral(f),
      scannerId: MATRIX_SCANNERS[visitSlot % MATRIX_SCANNERS.length],
      startsAt: new Date(
        Date.parse('2026-11-23T09:05:00Z') + Math.floor(visitSlot / MATRIX_SCANNERS.length) * 30 * 60_000,
      ).toISOString(),
    },
  });
  return booked.json<{ id: string }>().id;
}

const ROUTES: RouteCase[] = [
  {
    name: 'GET /api/scanners',
    allowed: ROLES,
    success: 200,
    request: () => Promise.resolve({ method: 'GET', url: '/api/scanners' }),
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

for (const backend of TEST_BACKENDS) {
  describe(`access matrix on ${backend.name}`, () => {
    let f: HttpFixture;
    beforeAll(async () => {
      // Each backend starts from its own empty diary.
      slot = 0;
      visitSlot = 0;
      f = await httpFixture(await backend.open());
      await addMatrixScanners(f);
    }, 60_000);
    afterAll(() => f.close());

    for (const route of ROUTES) {
      it(
        route.name,
        async () => {
          const outcomes: Record<string, number> = {};
          const expected: Record<string, number> = {};
          for (const role of ROLES) {
            const r = await route.request(f, role);
            const response = await f.app.inject({ ...r, headers: bearer(f, role) });
            outcomes[role] = response.statusCode;
            expected[role] = route.allowed.includes(role) ? route.success : 403;
          }
          expect(outcomes).toEqual(expected);
        },
        30_000,
      );
    }

    it('answers 401 on every route without a session', async () => {
      for (const route of ROUTES) {
        const r = await route.request(f, 'administrator');
        expect((await f.app.inject(r)).statusCode, route.name).toBe(401);
      }
    }, 60_000);
  });
}
