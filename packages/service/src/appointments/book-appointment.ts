import { randomUUID } from 'node:crypto';
import type { AppointmentRecord, ReferralRecord, Repositories, ScannerRecord } from '@quantrad/store';
import { recordAudit } from '../audit/record-audit.ts';
import { authorise } from '../authorise.ts';
import type { ServiceContext } from '../context.ts';
import { fail, notFound, ok, type Outcome } from '../outcome.ts';
import { appointmentPolicy } from '../reference/appointment-policy.ts';
import { waitingTimes } from '../reference/referral-criteria.ts';
import { daysBetween } from '../time.ts';
import { validate } from '../validate.ts';
import { bookAppointmentSchema } from './appointment-input.ts';
import { appointmentLetterText } from './appointment-letter.ts';
import { previousScan } from './previous-scan.ts';

export const BOOKERS = ['operator', 'administrator', 'service_manager'] as const;

export interface BookedAppointment extends AppointmentRecord {
  /** Days from receipt of the referral to the appointment date (ROS 4.4: within six weeks; DM01). */
  daysFromReceipt: number;
  withinSixWeeks: boolean;
}

export function bookedView(a: AppointmentRecord, r: ReferralRecord): BookedAppointment {
  const days = daysBetween(r.receivedAt.slice(0, 10), a.startsAt.slice(0, 10));
  return { ...a, daysFromReceipt: days, withinSixWeeks: days < waitingTimes.appointmentTargetDays };
}

export const MODALITY: Record<ReferralRecord['examination'], ScannerRecord['modality']> = {
  dxa: 'dxa',
  qct: 'ct',
};

/** Why the slot cannot be booked on this scanner, or null: checks shared by booking and rebooking. */
export async function slotProblem(
  tx: Repositories,
  referral: ReferralRecord,
  scanner: ScannerRecord | null,
  scannerId: string,
  startsAt: string,
  now: Date,
  overrideReason: string | undefined,
  ignoreAppointmentId?: string,
): Promise<{ field: string; message: string } | null> {
  if (!scanner || !scanner.active) return { field: 'scannerId', message: `no active scanner ${scannerId}` };
  if (scanner.modality !== MODALITY[referral.examination])
    return {
      field: 'scannerId',
      message: `${scanner.id} is a ${scanner.modality.toUpperCase()} scanner; the referral is for ${referral.examination.toUpperCase()}`,
    };
  if (startsAt <= now.toISOString()) return { field: 'startsAt', message: 'is in the past' };
  // ROS 4.4: a follow-up scan is booked on the scanner of the previous scan, so results compare.
  const previous = await previousScan(tx, referral.patientId, scanner.modality);
  if (previous && previous.scannerId !== scanner.id && overrideReason === undefined) {
    return {
      field: 'scannerId',
      message: `the previous scan was on ${previous.scannerId}: book the follow-up there so results can be compared, or give scannerOverrideReason`,
    };
  }
  const minutes = appointmentPolicy.durationMinutes[referral.examination];
  const start = Date.parse(startsAt);
  const dayStart = new Date(start - 24 * 3_600_000).toISOString();
  const dayEnd = new Date(start + 24 * 3_600_000).toISOString();
  const clash = (await tx.appointments.between(dayStart, dayEnd, scanner.id)).find((a) => {
    if (a.state !== 'booked' || a.id === ignoreAppointmentId) return false;
    const s = Date.parse(a.startsAt);
    return s < start + minutes * 60_000 && start < s + a.durationMinutes * 60_000;
  });
  if (clash) return { field: 'startsAt', message: `${scanner.id} is already booked from ${clash.startsAt}` };
  return null;
}

/** Books an authorised referral onto a scanner and writes the appointment letter (ROS 4.4). */
export async function bookAppointment(
  ctx: ServiceContext,
  input: unknown,
): Promise<Outcome<BookedAppointment>> {
  const parsed = validate(bookAppointmentSchema, input);
  if (!parsed.ok) return parsed;
  const b = parsed.value;
  const referral = await ctx.store.referrals.byId(b.referralId);
  if (!referral) return notFound('referral', b.referralId);
  const allowed = await authorise(ctx, BOOKERS, '*', {
    entityType: 'appointment',
    entityId: null,
    patientId: referral.patientId,
    what: 'booking an appointment',
    action: 'create',
  });
  if (!allowed.ok) return allowed;
  if (referral.state !== 'authorised')
    return fail(
      'conflict',
      `the referral is ${referral.state}: only an authorised referral is booked (ROS 4.4)`,
    );
  const now = ctx.now();
  const startsAt = new Date(b.startsAt).toISOString();
  return ctx.store.transaction(async (tx): Promise<Outcome<BookedAppointment>> => {
    const open = (await tx.appointments.forReferral(referral.id)).find((a) => a.state === 'booked');
    if (open)
      return fail(
        'conflict',
        `the referral already has an appointment on ${open.startsAt}: rebook it instead`,
      );
    const scanner = await tx.scanners.byId(b.scannerId);
    const problem = await slotProblem(
      tx,
      referral,
      scanner,
      b.scannerId,
      startsAt,
      now,
      b.scannerOverrideReason,
    );
    if (problem || !scanner) {
      const p = problem ?? { field: 'scannerId', message: 'unknown scanner' };
      return fail(
        p.field === 'startsAt' && p.message.includes('booked') ? 'conflict' : 'invalid',
        `${p.field}: ${p.message}`,
        p.field,
      );
    }
    const patient = await tx.patients.byId(referral.patientId);
    if (!patient) return notFound('patient', referral.patientId);
    const appointment: AppointmentRecord = {
      id: randomUUID(),
      referralId: referral.id,
      patientId: referral.patientId,
      scannerId: scanner.id,
      startsAt,
      durationMinutes: appointmentPolicy.durationMinutes[referral.examination],
      state: 'booked',
      bookedBy: allowed.value.actor.userId,
      bookedAt: now.toISOString(),
      scannerOverrideReason: b.scannerOverrideReason ?? null,
      reminderSentAt: null,
      closedBy: null,
      closedAt: null,
      closeReason: null,
      version: 1,
    };
    await tx.appointments.insert(appointment);
    await tx.appointments.insertCorrespondence({
      id: randomUUID(),
      patientId: patient.id,
      referralId: referral.id,
      appointmentId: appointment.id,
      kind: 'appointment_letter',
      recipient: `${patient.givenNames} ${patient.familyName}, ${patient.address}`,
      createdAt: now.toISOString(),
      createdBy: allowed.value.actor.userId,
      body: appointmentLetterText(patient, appointment, scanner, await tx.reports.serviceDetails()),
    });
    const view = bookedView(appointment, referral);
    await recordAudit(tx, ctx, {
      action: 'create',
      entityType: 'appointment',
      entityId: appointment.id,
      patientId: patient.id,
      detail: { scannerId: scanner.id, startsAt, withinSixWeeks: view.withinSixWeeks },
    });
    return ok(view);
  });
}
