import { randomUUID } from 'node:crypto';
import type { ScanVisitRecord } from '@quantrad/store';
import { recordAudit } from '../audit/record-audit.ts';
import { authorise } from '../authorise.ts';
import type { ServiceContext } from '../context.ts';
import { fail, notFound, ok, type Outcome } from '../outcome.ts';
import { dailyQcPassed } from '../scanners/scanner-use-cases.ts';
import { isoDate } from '../time.ts';
import { validate } from '../validate.ts';
import { scanVisitSchema } from './scan-visit-input.ts';

/**
 * The scan visit (ROS 4.5), recorded by the operator: identification, pregnancy enquiry, questionnaire,
 * measured height and weight, consent, contraindications and the sites scanned. No scan is recorded
 * without four-point identification, consent and a clear pregnancy enquiry, nor on a scanner whose daily
 * QC has not passed today (ROS 5.1).
 */
export async function recordScanVisit(
  ctx: ServiceContext,
  input: unknown,
): Promise<Outcome<ScanVisitRecord>> {
  const parsed = validate(scanVisitSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const appointment = await ctx.store.appointments.byId(v.appointmentId);
  if (!appointment) return notFound('appointment', v.appointmentId);
  const allowed = await authorise(ctx, ['operator'], appointment.scannerId, {
    entityType: 'scan_visit',
    entityId: appointment.id,
    patientId: appointment.patientId,
    what: 'recording a scan visit',
    action: 'create',
  });
  if (!allowed.ok) return allowed;
  const now = ctx.now();
  const today = isoDate(now);
  if (appointment.state !== 'booked')
    return fail('conflict', `the appointment is ${appointment.state.replace(/_/g, ' ')}`);
  if (appointment.startsAt.slice(0, 10) !== today)
    return fail('conflict', `the appointment is on ${appointment.startsAt.slice(0, 10)}, not today`);

  // ROS 4.5: four-point identification before anything else; nothing is recorded for an unconfirmed identity.
  for (const point of ['name', 'birthDate', 'address', 'examination'] as const) {
    if (!v.identity[point]) {
      return fail(
        'invalid',
        `identity.${point}: not confirmed: the patient cannot be scanned until all four points of identification match (ROS 4.5)`,
        `identity.${point}`,
      );
    }
  }
  // IR(ME)R: the pregnancy enquiry is made of everyone of child-bearing capacity, and signed.
  const p = v.pregnancy;
  if (p.childBearingCapacity && p.status === 'not_applicable')
    return fail(
      'invalid',
      'pregnancy.status: ask and record the answer for a person of child-bearing capacity',
      'pregnancy.status',
    );
  if (p.childBearingCapacity && p.signedBy === null)
    return fail(
      'invalid',
      'pregnancy.signedBy: the patient signs the pregnancy enquiry',
      'pregnancy.signedBy',
    );
  if (!p.childBearingCapacity && p.status !== 'not_applicable')
    return fail(
      'invalid',
      'pregnancy.status: is not_applicable when there is no child-bearing capacity',
      'pregnancy.status',
    );

  const blockers: { field: string; message: string }[] = [];
  if (p.status === 'pregnant' || p.status === 'possibly_pregnant')
    blockers.push({
      field: 'pregnancy.status',
      message: 'possible pregnancy: refer to the IR(ME)R practitioner before any exposure',
    });
  if (!v.consent) blockers.push({ field: 'consent', message: 'no consent to the scan' });
  if (v.contraindications.recentNuclearMedicine || v.contraindications.recentContrast)
    blockers.push({
      field: 'contraindications',
      message:
        'a recent nuclear medicine or contrast study can affect the measurement: rebook the scan (ROS 4.5)',
    });
  const scanned = v.sitesScanned.length > 0;
  if (scanned) {
    const first = blockers[0];
    if (first) return fail('conflict', `${first.field}: ${first.message}`, first.field);
    if (v.heightCm === null) return fail('invalid', 'heightCm: measure the height (ROS 4.5)', 'heightCm');
    if (v.weightKg === null) return fail('invalid', 'weightKg: measure the weight (ROS 4.5)', 'weightKg');
  } else if (v.notScannedReason === undefined && blockers.length === 0) {
    return fail('invalid', 'notScannedReason: say why no site was scanned', 'notScannedReason');
  }

  return ctx.store.transaction(async (tx): Promise<Outcome<ScanVisitRecord>> => {
    if (scanned && !(await dailyQcPassed(tx, appointment.scannerId, today))) {
      return fail(
        'conflict',
        `no patient scan may be recorded on ${appointment.scannerId}: today's daily QC has not passed (ROS 5.1)`,
        'appointmentId',
      );
    }
    if (scanned && (await tx.commissioning.awaitingRelease(appointment.scannerId))) {
      return fail(
        'conflict',
        `no patient scan may be recorded on ${appointment.scannerId}: it is being commissioned and has not been released for clinical use (ROS Appendix 3)`,
        'appointmentId',
      );
    }
    if (scanned && (await tx.maintenance.withEngineer(appointment.scannerId)).length > 0) {
      return fail(
        'conflict',
        `no patient scan may be recorded on ${appointment.scannerId}: it is with the service engineer and has not been received back into clinical use (ROS 5.2)`,
        'appointmentId',
      );
    }
    if (await tx.scanVisits.byAppointment(appointment.id))
      return fail('conflict', 'this visit is already recorded');
    const visit: ScanVisitRecord = {
      id: randomUUID(),
      appointmentId: appointment.id,
      referralId: appointment.referralId,
      patientId: appointment.patientId,
      scannerId: appointment.scannerId,
      operatorId: allowed.value.actor.userId,
      recordedAt: now.toISOString(),
      identity: v.identity,
      pregnancy: p,
      questionnaire: v.questionnaire,
      heightCm: v.heightCm,
      weightKg: v.weightKg,
      consent: v.consent,
      contraindications: v.contraindications,
      outcome: scanned ? 'scanned' : 'not_scanned',
      notScannedReason: scanned ? null : (v.notScannedReason ?? blockers.map((b) => b.message).join('; ')),
      sitesScanned: v.sitesScanned,
      repeatOrExtraScans: v.repeatOrExtraScans,
      operatorNotes: v.operatorNotes,
    };
    await tx.scanVisits.insert(visit);
    const attended = await tx.appointments.update(appointment, {
      state: 'attended',
      closedBy: visit.operatorId,
      closedAt: visit.recordedAt,
      closeReason: scanned ? 'scanned' : `not scanned: ${visit.notScannedReason ?? ''}`,
    });
    if (!attended)
      return fail('conflict', 'the appointment changed at the same moment: reload it and try again');
    if (scanned) {
      const referral = await tx.referrals.byId(appointment.referralId);
      if (!referral) return notFound('referral', appointment.referralId);
      const done = await tx.referrals.decide(referral, {
        state: 'scanned',
        authorisation: referral.authorisation,
        decidedBy: visit.operatorId,
        decidedAt: visit.recordedAt,
        decisionReason: `scanned on ${visit.scannerId}`,
        returnReason: null,
      });
      if (!done) return fail('conflict', 'the referral changed at the same moment: reload it and try again');
    }
    await recordAudit(tx, ctx, {
      action: 'create',
      entityType: 'scan_visit',
      entityId: visit.id,
      patientId: visit.patientId,
      detail: { outcome: visit.outcome, scannerId: visit.scannerId, sites: visit.sitesScanned },
    });
    return ok(visit);
  });
}
