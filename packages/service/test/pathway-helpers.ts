import type { ReferrerRecord } from '@quantrad/store';
import type { Actor } from '../src/actor.ts';
import {
  authoriseReferral,
  bookAppointment,
  recordDailyQc,
  recordScanVisit,
  registerReferral,
  type NewReferral,
} from '../src/index.ts';
import type { ServiceFixture } from './service-fixture.ts';

/** A referral for the patient registered and authorised now, under the written criteria it meets. */
export async function authorisedReferral(
  f: ServiceFixture,
  operator: Actor,
  referrer: ReferrerRecord,
  patient: NewReferral['patient'],
  referralOverrides: Partial<NewReferral> = {},
): Promise<string> {
  const referral = await registerReferral(f.ctx(operator), {
    patient,
    referrerId: referrer.id,
    source: 'gp',
    examination: 'dxa',
    indications: ['fragility_fracture'],
    clinicalInformation: 'Wrist fracture after a fall from standing.',
    signedByReferrer: true,
    method: 'electronic',
    ...referralOverrides,
  });
  if (!referral.ok) throw new Error(referral.error.message);
  const authorised = await authoriseReferral(f.ctx(operator), {
    referralId: referral.value.id,
    basis: 'operator_under_written_criteria',
  });
  if (!authorised.ok) throw new Error(authorised.error.message);
  return referral.value.id;
}

/**
 * Walks one patient from referral to a scanned visit today on the scanner, through the use cases:
 * registered, authorised under written criteria, booked an hour from now, daily QC passed, visit recorded.
 */
export async function scannedVisit(
  f: ServiceFixture,
  operator: Actor,
  referrer: ReferrerRecord,
  scannerId: string,
  patient: NewReferral['patient'],
  referralOverrides: Partial<NewReferral> = {},
  booking: { scannerOverrideReason?: string } = {},
): Promise<{ referralId: string; visitId: string }> {
  const referralId = await authorisedReferral(f, operator, referrer, patient, referralOverrides);
  const booked = await bookAppointment(f.ctx(operator), {
    referralId,
    scannerId,
    startsAt: new Date(f.nowMs + 60 * 60_000).toISOString(),
    ...booking,
  });
  if (!booked.ok) throw new Error(booked.error.message);
  await recordDailyQc(f.ctx(operator), { scannerId, passed: true });
  const visit = await recordScanVisit(f.ctx(operator), {
    appointmentId: booked.value.id,
    identity: { name: true, birthDate: true, address: true, examination: true },
    pregnancy: { childBearingCapacity: false, status: 'not_applicable' },
    heightCm: 162,
    weightKg: 58,
    consent: true,
    contraindications: { recentNuclearMedicine: false, recentContrast: false },
    sitesScanned: ['lumbar_spine', 'left_hip'],
  });
  if (!visit.ok) throw new Error(visit.error.message);
  return { referralId, visitId: visit.value.id };
}
