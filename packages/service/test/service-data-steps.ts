import type { ReferrerRecord } from '@quantrad/store';
import type { Actor } from '../src/actor.ts';
import {
  bookAppointment,
  draftDxaReport,
  enterDxaResults,
  handOverToEngineer,
  logMaintenance,
  receiveFromEngineer,
  recordFurtherInvestigation,
  signDxaReport,
  type NewReferral,
  type ServiceData,
  type ServiceMeasure,
} from '../src/index.ts';
import { authorisedReferral } from './pathway-helpers.ts';
import type { ServiceFixture } from './service-fixture.ts';

// Steps for the service data test: a referral booked without being scanned, results at one T-score,
// a report drafted and signed, and a measure looked up by name.

let patients = 0;

export function newPatient(): NewReferral['patient'] {
  patients += 1;
  return {
    identifier: `sd-${String(patients)}`,
    familyName: 'Hale',
    givenNames: 'Iris',
    birthDate: '1952-04-04',
    address: '9 Quay Street',
    sex: 'female',
  };
}

export const at = (f: ServiceFixture, iso: string): void => {
  f.nowMs = Date.parse(iso);
};

/** A referral registered and authorised now, as received at receivedAt. */
export async function authorisedReferralAt(
  f: ServiceFixture,
  operator: Actor,
  referrer: ReferrerRecord,
  receivedAt: string,
  overrides: Partial<NewReferral> = {},
): Promise<string> {
  return authorisedReferral(f, operator, referrer, newPatient(), { receivedAt, ...overrides });
}

export async function booked(
  f: ServiceFixture,
  operator: Actor,
  referralId: string,
  startsAt: string,
): Promise<string> {
  const b = await bookAppointment(f.ctx(operator), { referralId, scannerId: 'DXA-1', startsAt });
  if (!b.ok) throw new Error(b.error.message);
  return b.value.id;
}

/** Results for the visit whose lowest T-score (femoral neck) is tScore; a fragility fracture if told. */
export async function results(
  f: ServiceFixture,
  operator: Actor,
  visitId: string,
  tScore: number,
  priorFragilityFracture = false,
): Promise<void> {
  const entered = await enterDxaResults(f.ctx(operator), {
    visitId,
    menopause: 'post',
    sites: [
      { site: 'L1-L4', bmdGcm2: 0.95, tScore: tScore + 0.3 },
      { site: 'femoral_neck', side: 'left', bmdGcm2: 0.7, tScore },
      { site: 'total_hip', side: 'left', bmdGcm2: 0.8, tScore: tScore + 0.2 },
    ],
    ...(priorFragilityFracture ? { clinical: { priorFragilityFracture: true } } : {}),
  });
  if (!entered.ok) throw new Error(entered.error.message);
}

/** Drafts and signs the visit's report now: its first signature. */
export async function signedReport(f: ServiceFixture, reporter: Actor, visitId: string): Promise<void> {
  const draft = await draftDxaReport(f.ctx(reporter), { visitId });
  if (!draft.ok) throw new Error(draft.error.message);
  const signed = await signDxaReport(f.ctx(reporter), draft.value.id);
  if (!signed.ok) throw new Error(signed.error.message);
}

/** The measure of that name, or a failure naming it. */
export function measureOf(data: ServiceData, name: string): ServiceMeasure {
  const m = data.measures.find((x) => x.measure === name);
  if (!m) throw new Error(`no measure "${name}" in ${data.measures.map((x) => x.measure).join(' | ')}`);
  return m;
}

/** [value, denominator, percent] of a measure, the way the assertions read. */
export const figure = (data: ServiceData, name: string): [number | null, number | null, number | null] => {
  const m = measureOf(data, name);
  return [m.value, m.denominator, m.percent];
};

/** A fault logged and the scanner handed to the engineer at handAt, received back at backAt. */
export async function handover(
  f: ServiceFixture,
  operator: Actor,
  handAt: string,
  backAt: string,
): Promise<void> {
  at(f, handAt);
  const fault = await logMaintenance(f.ctx(operator), 'DXA-1', { kind: 'fault', description: 'Judder' });
  if (!fault.ok) throw new Error(fault.error.message);
  const handed = await handOverToEngineer(f.ctx(operator), fault.value.id, {
    engineer: 'J. Smith, Hologic UK',
  });
  if (!handed.ok) throw new Error(handed.error.message);
  at(f, backAt);
  const back = await receiveFromEngineer(f.ctx(operator), fault.value.id, {
    engineerReport: 'Bearing replaced',
    checksOnReturn: 'Phantom scan in tolerance',
  });
  if (!back.ok) throw new Error(back.error.message);
}

/** A further investigation or onward referral of the kind recorded for the visit, with its status. */
export async function onward(
  f: ServiceFixture,
  operator: Actor,
  visit: { referralId: string; visitId: string },
  kind: string,
  status: string,
): Promise<void> {
  const input = { referralId: visit.referralId, visitId: visit.visitId, kind, reason: 'x', status };
  const recorded = await recordFurtherInvestigation(f.ctx(operator), input);
  if (!recorded.ok) throw new Error(recorded.error.message);
}
