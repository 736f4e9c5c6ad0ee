import { randomUUID } from 'node:crypto';
import { ageInYears } from '@quantrad/densitometry';
import type { PatientRecord, ReferralRecord, Repositories } from '@quantrad/store';
import { recordAudit } from '../audit/record-audit.ts';
import { authorise } from '../authorise.ts';
import type { ServiceContext } from '../context.ts';
import { fail, ok, type Outcome } from '../outcome.ts';
import { defaultReferralCriteria, type ReferralCriteria } from '../reference/referral-criteria.ts';
import { isoDate } from '../time.ts';
import { validate } from '../validate.ts';
import { matchReferralCriteria } from './match-criteria.ts';
import { newReferralSchema } from './referral-input.ts';
import { referralView, type ReferralView } from './referral-view.ts';

type PatientInput = Omit<PatientRecord, 'id'>;

/** Service staff who register referrals received by post, email or order communications. */
const REGISTRARS = ['operator', 'irmer_practitioner', 'service_manager', 'administrator'] as const;

/** The fields that must agree when a referral names a patient already on the system (identity safety). */
const IDENTITY_FIELDS = ['familyName', 'givenNames', 'birthDate', 'sex'] as const;

async function findOrAddPatient(
  tx: Repositories,
  p: PatientInput,
): Promise<Outcome<{ patient: PatientRecord; created: boolean; gpChanged: boolean }>> {
  const existing = await tx.patients.byIdentifier(p.identifierSystem, p.identifier);
  if (existing) {
    for (const field of IDENTITY_FIELDS) {
      if (existing[field].toLowerCase() !== p[field].toLowerCase()) {
        return fail(
          'conflict',
          `patient.${field} does not match the patient already recorded with identifier ${p.identifier}: check the identity before going on`,
          `patient.${field}`,
        );
      }
    }
    // The newest referral names the practice the patient is registered with now.
    if (p.registeredGp !== null && p.registeredGp !== existing.registeredGp) {
      await tx.patients.setRegisteredGp(existing.id, p.registeredGp);
      return ok({ patient: { ...existing, registeredGp: p.registeredGp }, created: false, gpChanged: true });
    }
    return ok({ patient: existing, created: false, gpChanged: false });
  }
  const patient: PatientRecord = { id: randomUUID(), ...p };
  await tx.patients.insert(patient);
  return ok({ patient, created: true, gpChanged: false });
}

/** Registers a received referral: entitled referrer, clinical information, match against local criteria. */
export async function registerReferral(
  ctx: ServiceContext,
  input: unknown,
  criteria: ReferralCriteria = defaultReferralCriteria,
): Promise<Outcome<ReferralView>> {
  const parsed = validate(newReferralSchema, input);
  if (!parsed.ok) return parsed;
  const r = parsed.value;
  const allowed = await authorise(ctx, [...REGISTRARS, 'referrer'], '*', {
    entityType: 'referral',
    entityId: null,
    patientId: null,
    what: 'registering a referral',
    action: 'create',
  });
  if (!allowed.ok) return allowed;
  const now = ctx.now();
  // ROS 4.3: a referrer refers electronically from their own log-on, which confirms their
  // responsibility for the referral (it counts as signed); they refer only as themselves.
  let signedByReferrer = r.signedByReferrer;
  if (allowed.value.entitlement.role === 'referrer') {
    const own = await ctx.store.patients.referrerOfUser(allowed.value.actor.userId);
    if (!own || own.id !== r.referrerId)
      return fail('forbidden', 'referrerId: a referrer refers only as themselves', 'referrerId');
    signedByReferrer = true;
  }
  const receivedAt = r.receivedAt !== undefined ? new Date(r.receivedAt).toISOString() : now.toISOString();
  if (receivedAt > now.toISOString()) return fail('invalid', 'receivedAt: is in the future', 'receivedAt');
  const receivedDate = receivedAt.slice(0, 10);
  if (r.patient.birthDate > receivedDate)
    return fail('invalid', 'patient.birthDate: is after the referral date', 'patient.birthDate');

  // ROS 4.2: the referrer must be entitled under the employer's IR(ME)R procedures on the day.
  const referrer = await ctx.store.patients.referrer(r.referrerId);
  if (!referrer) return fail('invalid', `referrerId: no referrer ${r.referrerId}`, 'referrerId');
  if (
    referrer.entitledFrom > receivedDate ||
    (referrer.entitledUntil !== null && referrer.entitledUntil < receivedDate)
  ) {
    return fail(
      'conflict',
      `referrerId: ${referrer.name} is not an entitled referrer on ${receivedDate}${referrer.entitledUntil ? ` (entitlement ended ${referrer.entitledUntil})` : ''}: return the referral to its sender`,
      'referrerId',
    );
  }
  const criteriaMatch = matchReferralCriteria(criteria, {
    examination: r.examination,
    sex: r.patient.sex,
    ageYears: ageInYears(r.patient.birthDate, receivedDate),
    indications: r.indications,
  });

  return ctx.store.transaction(async (tx): Promise<Outcome<ReferralView>> => {
    const found = await findOrAddPatient(tx, r.patient);
    if (!found.ok) return found;
    const { patient, created, gpChanged } = found.value;
    const referral: ReferralRecord = {
      id: randomUUID(),
      patientId: patient.id,
      referrerId: referrer.id,
      source: r.source,
      examination: r.examination,
      indications: r.indications,
      clinicalInformation: r.clinicalInformation,
      signedByReferrer,
      copyReportToGp: r.copyReportToGp,
      method: r.method,
      receivedAt,
      criteriaMatch,
      state: 'received',
      authorisation: null,
      decidedBy: null,
      decidedAt: null,
      decisionReason: null,
      returnReason: null,
      version: 1,
    };
    await tx.referrals.insert(referral, allowed.value.actor.userId);
    if (created || gpChanged) {
      await recordAudit(tx, ctx, {
        action: created ? 'create' : 'update',
        entityType: 'patient',
        entityId: patient.id,
        patientId: patient.id,
        ...(gpChanged ? { detail: { changed: ['registeredGp'] } } : {}),
      });
    }
    await recordAudit(tx, ctx, {
      action: 'create',
      entityType: 'referral',
      entityId: referral.id,
      patientId: patient.id,
      detail: { examination: r.examination, meetsCriteria: criteriaMatch.meetsCriteria, today: isoDate(now) },
    });
    return ok(referralView(referral, now));
  });
}
