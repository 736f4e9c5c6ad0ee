import { bearer, type HttpFixture } from './http-fixture.ts';

// Steps that bring a record to the state a route acts on (a referral received or authorised, an
// appointment booked, a visit scanned, a report drafted or signed), each by the duty holder the
// pathway names, over HTTP. The access matrix calls them once per role it tries.

let patientCounter = 0;
export function referralBody(): object {
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
export async function freshReferral(f: HttpFixture): Promise<string> {
  const created = await f.app.inject({
    method: 'POST',
    url: '/api/referrals',
    headers: bearer(f, 'operator'),
    payload: referralBody(),
  });
  return created.json<{ id: string }>().id;
}

/** The patient of a fresh referral. */
export async function freshPatient(f: HttpFixture): Promise<string> {
  const created = await f.app.inject({
    method: 'POST',
    url: '/api/referrals',
    headers: bearer(f, 'operator'),
    payload: referralBody(),
  });
  return created.json<{ patientId: string }>().patientId;
}

let alertCount = 0;
/** An open QA alert on a spare DXA scanner: a baseline, then a phantom scan 2% off (out of control). */
export async function openQaAlert(f: HttpFixture): Promise<string> {
  alertCount += 1;
  const id = `DXA-ALERT-${String(alertCount)}`;
  const physicist = bearer(f, 'medical_physics_expert');
  await f.app.inject({
    method: 'POST',
    url: '/api/scanners',
    headers: physicist,
    payload: { id, modality: 'dxa', manufacturer: 'GE', model: 'Lunar iDXA', location: 'Unit 3' },
  });
  await f.app.inject({
    method: 'PUT',
    url: `/api/scanners/${id}/phantom-baseline`,
    headers: physicist,
    payload: { scansGcm2: [1, 1.001, 0.999, 1, 1.002, 0.998, 1, 1.001, 0.999, 1], reason: 'Installation' },
  });
  const scan = await f.app.inject({
    method: 'POST',
    url: `/api/scanners/${id}/phantom-scans`,
    headers: bearer(f, 'operator'),
    payload: { bmdGcm2: 1.02 },
  });
  const alert = scan.json<{ alert: { id: string } | null }>().alert;
  if (!alert) throw new Error(`no alert raised: ${scan.body}`);
  return alert.id;
}

let equipmentCount = 0;
/** Fresh weighing scales, added by the physicist. */
export async function freshScales(f: HttpFixture): Promise<string> {
  equipmentCount += 1;
  const added = await f.app.inject({
    method: 'POST',
    url: '/api/equipment',
    headers: bearer(f, 'medical_physics_expert'),
    payload: {
      kind: 'weighing_scales',
      label: `Matrix scales ${String(equipmentCount)}`,
      location: 'Room 1',
    },
  });
  return added.json<{ id: string }>().id;
}

/** A fresh fault logged on CT-1 (no matrix visit uses it), optionally handed over to the engineer. */
export async function maintenanceEntry(f: HttpFixture, handedOver = false): Promise<string> {
  const logged = await f.app.inject({
    method: 'POST',
    url: '/api/scanners/CT-1/maintenance',
    headers: bearer(f, 'operator'),
    payload: { kind: 'fault', description: 'Gantry noise' },
  });
  const id = logged.json<{ id: string }>().id;
  if (handedOver)
    await f.app.inject({
      method: 'POST',
      url: `/api/maintenance/${id}/hand-over`,
      headers: bearer(f, 'operator'),
      payload: { engineer: 'Service engineer' },
    });
  return id;
}

/** A fresh referral authorised by the IR(ME)R practitioner, ready to book. */
export async function authorisedReferral(f: HttpFixture): Promise<string> {
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
export function nextSlot(): string {
  slot += 1;
  return new Date(Date.parse('2026-12-07T08:00:00Z') + slot * 30 * 60_000).toISOString();
}

/** A fresh booked appointment, booked by the operator. */
export async function bookedAppointment(f: HttpFixture): Promise<string> {
  const booked = await f.app.inject({
    method: 'POST',
    url: '/api/appointments',
    headers: bearer(f, 'operator'),
    payload: { referralId: await authorisedReferral(f), scannerId: 'DXA-1', startsAt: nextSlot() },
  });
  return booked.json<{ id: string }>().id;
}

/** A visit scanned today on DXA-1, recorded by the operator. */
export async function scannedVisitToday(f: HttpFixture): Promise<string> {
  const visit = await f.app.inject({
    method: 'POST',
    url: '/api/visits',
    headers: bearer(f, 'operator'),
    payload: visitBody(await appointmentToday(f)),
  });
  return visit.json<{ id: string }>().id;
}

export function visitBody(appointmentId: string): object {
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

/** An appointment booked for today on DXA-1 (daily QC passed in the demo data), for a scan visit. */
// Half-hour slots from 09:05 on the fixture's day on four DXA scanners with passed QC: room for over
// a hundred visits before midnight UTC.
export const MATRIX_SCANNERS = ['DXA-1', 'DXA-M2', 'DXA-M3', 'DXA-M4'] as const;
let visitSlot = 0;

export async function addMatrixScanners(f: HttpFixture): Promise<void> {
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
export async function draftedReport(f: HttpFixture): Promise<string> {
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
export async function signedReport(f: HttpFixture): Promise<string> {
  const id = await draftedReport(f);
  await f.app.inject({ method: 'POST', url: `/api/reports/${id}/sign`, headers: bearer(f, 'reporter') });
  return id;
}

export const HOLOGIC_CSV = 'Scan,Region,Side,BMD (g/cm2),T-score\nAP Spine,L1-L4,,0.900,-1.3\n';
export async function appointmentToday(f: HttpFixture): Promise<string> {
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

/** Each backend's matrix starts from an empty diary. */
export function resetMatrixDiary(): void {
  slot = 0;
  visitSlot = 0;
}
