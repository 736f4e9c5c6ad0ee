import { randomUUID } from 'node:crypto';
import type { AppointmentRecord, ReferralRecord } from '@quantrad/store';
import { recordAudit } from '../audit/record-audit.ts';
import { authorise } from '../authorise.ts';
import type { ServiceContext } from '../context.ts';
import { fail, notFound, ok, type Outcome } from '../outcome.ts';
import { appointmentPolicy } from '../reference/appointment-policy.ts';
import { validate } from '../validate.ts';
import { cancelAppointmentSchema, didNotAttendSchema, rebookAppointmentSchema } from './appointment-input.ts';
import { appointmentLetterText, ukDateTime } from './appointment-letter.ts';
import { BOOKERS, bookedView, slotProblem, type BookedAppointment } from './book-appointment.ts';

const RACE = 'someone else changed this appointment at the same moment: reload it and try again';

async function loadBooked(
  ctx: ServiceContext,
  appointmentId: string,
  what: string,
): Promise<Outcome<{ appointment: AppointmentRecord; referral: ReferralRecord; actorId: string }>> {
  const appointment = await ctx.store.appointments.byId(appointmentId);
  if (!appointment) return notFound('appointment', appointmentId);
  const allowed = await authorise(ctx, BOOKERS, '*', {
    entityType: 'appointment',
    entityId: appointment.id,
    patientId: appointment.patientId,
    what,
  });
  if (!allowed.ok) return allowed;
  if (appointment.state !== 'booked')
    return fail('conflict', `the appointment is already ${appointment.state.replace(/_/g, ' ')}`);
  const referral = await ctx.store.referrals.byId(appointment.referralId);
  if (!referral) return notFound('referral', appointment.referralId);
  return ok({ appointment, referral, actorId: allowed.value.actor.userId });
}

/** Cancels a booked appointment, at the patient's or the service's request; the referral stays open. */
export async function cancelAppointment(
  ctx: ServiceContext,
  input: unknown,
): Promise<Outcome<AppointmentRecord>> {
  const parsed = validate(cancelAppointmentSchema, input);
  if (!parsed.ok) return parsed;
  const c = parsed.value;
  const loaded = await loadBooked(ctx, c.appointmentId, 'cancelling an appointment');
  if (!loaded.ok) return loaded;
  const { appointment, actorId } = loaded.value;
  const now = ctx.now().toISOString();
  return ctx.store.transaction(async (tx): Promise<Outcome<AppointmentRecord>> => {
    const updated = await tx.appointments.update(appointment, {
      state: 'cancelled',
      closedBy: actorId,
      closedAt: now,
      closeReason: `${c.requestedBy === 'patient' ? 'patient request' : 'service'}: ${c.reason}`,
    });
    if (!updated) return fail('conflict', RACE);
    await recordAudit(tx, ctx, {
      action: 'update',
      entityType: 'appointment',
      entityId: appointment.id,
      patientId: appointment.patientId,
      detail: { to: 'cancelled', requestedBy: c.requestedBy },
    });
    return ok(updated);
  });
}

/** Moves a booked appointment to a new time (and scanner): the old one is cancelled, a new letter sent. */
export async function rebookAppointment(
  ctx: ServiceContext,
  input: unknown,
): Promise<Outcome<BookedAppointment>> {
  const parsed = validate(rebookAppointmentSchema, input);
  if (!parsed.ok) return parsed;
  const r = parsed.value;
  const loaded = await loadBooked(ctx, r.appointmentId, 'rebooking an appointment');
  if (!loaded.ok) return loaded;
  const { appointment, referral, actorId } = loaded.value;
  const now = ctx.now();
  const startsAt = new Date(r.startsAt).toISOString();
  const scannerId = r.scannerId ?? appointment.scannerId;
  return ctx.store.transaction(async (tx): Promise<Outcome<BookedAppointment>> => {
    const scanner = await tx.scanners.byId(scannerId);
    const problem = await slotProblem(
      tx,
      referral,
      scanner,
      scannerId,
      startsAt,
      now,
      appointment.scannerOverrideReason ?? undefined,
      appointment.id,
    );
    if (problem || !scanner) {
      const p = problem ?? { field: 'scannerId', message: 'unknown scanner' };
      return fail('invalid', `${p.field}: ${p.message}`, p.field);
    }
    const closed = await tx.appointments.update(appointment, {
      state: 'cancelled',
      closedBy: actorId,
      closedAt: now.toISOString(),
      closeReason: `rebooked: ${r.reason}`,
    });
    if (!closed) return fail('conflict', RACE);
    const moved: AppointmentRecord = {
      ...appointment,
      id: randomUUID(),
      scannerId,
      startsAt,
      bookedBy: actorId,
      bookedAt: now.toISOString(),
      reminderSentAt: null,
      version: 1,
    };
    await tx.appointments.insert(moved);
    const patient = await tx.patients.byId(appointment.patientId);
    if (!patient) return notFound('patient', appointment.patientId);
    await tx.appointments.insertCorrespondence({
      id: randomUUID(),
      patientId: patient.id,
      referralId: referral.id,
      appointmentId: moved.id,
      kind: 'appointment_letter',
      recipient: `${patient.givenNames} ${patient.familyName}, ${patient.address}`,
      createdAt: now.toISOString(),
      createdBy: actorId,
      body: appointmentLetterText(patient, moved, scanner, await tx.reports.serviceDetails()),
    });
    await recordAudit(tx, ctx, {
      action: 'update',
      entityType: 'appointment',
      entityId: moved.id,
      patientId: patient.id,
      detail: { rebookedFrom: appointment.id, startsAt },
    });
    return ok(bookedView(moved, referral));
  });
}

export interface DidNotAttendResult {
  appointment: AppointmentRecord;
  /** The policy's decision: offer another appointment, or discharge back to the referrer. */
  action: 'rebook' | 'discharged';
  didNotAttendCount: number;
}

/**
 * Records a did-not-attend. By the local policy (data/appointment-policy.json) the patient is offered
 * another appointment, or after the set number of missed appointments discharged with the referrer told.
 */
export async function recordDidNotAttend(
  ctx: ServiceContext,
  input: unknown,
): Promise<Outcome<DidNotAttendResult>> {
  const parsed = validate(didNotAttendSchema, input);
  if (!parsed.ok) return parsed;
  const loaded = await loadBooked(ctx, parsed.value.appointmentId, 'recording a did-not-attend');
  if (!loaded.ok) return loaded;
  const { appointment, referral, actorId } = loaded.value;
  const now = ctx.now();
  if (appointment.startsAt > now.toISOString())
    return fail('conflict', 'the appointment has not started yet');
  return ctx.store.transaction(async (tx): Promise<Outcome<DidNotAttendResult>> => {
    const updated = await tx.appointments.update(appointment, {
      state: 'did_not_attend',
      closedBy: actorId,
      closedAt: now.toISOString(),
      closeReason: 'did not attend',
    });
    if (!updated) return fail('conflict', RACE);
    const count = (await tx.appointments.forReferral(referral.id)).filter(
      (a) => a.state === 'did_not_attend',
    ).length;
    const discharge = count >= appointmentPolicy.didNotAttend.dischargeAfter;
    if (discharge) {
      const decided = await tx.referrals.decide(referral, {
        state: 'discharged',
        authorisation: referral.authorisation,
        decidedBy: actorId,
        decidedAt: now.toISOString(),
        decisionReason: `did not attend ${String(count)} appointments`,
        returnReason: null,
      });
      if (!decided)
        return fail('conflict', 'the referral changed at the same moment: reload it and try again');
      const referrer = await tx.patients.referrer(referral.referrerId);
      const patient = await tx.patients.byId(referral.patientId);
      await tx.appointments.insertCorrespondence({
        id: randomUUID(),
        patientId: referral.patientId,
        referralId: referral.id,
        appointmentId: appointment.id,
        kind: 'did_not_attend_referrer',
        recipient: referrer ? `${referrer.name}, ${referrer.organisation}` : 'referrer',
        createdAt: now.toISOString(),
        createdBy: actorId,
        body: `${patient ? `${patient.givenNames} ${patient.familyName} (${patient.identifier})` : 'Your patient'} did not attend ${String(count)} bone density scan appointments, the last on ${ukDateTime(appointment.startsAt)}. The referral has been closed; please refer again if a scan is still needed.`,
      });
    }
    await recordAudit(tx, ctx, {
      action: 'update',
      entityType: 'appointment',
      entityId: appointment.id,
      patientId: appointment.patientId,
      detail: { to: 'did_not_attend', count, action: discharge ? 'discharged' : 'rebook' },
    });
    return ok({
      appointment: updated,
      action: discharge ? 'discharged' : 'rebook',
      didNotAttendCount: count,
    });
  });
}

/** Marks reminders for appointments starting within the policy's lead time and writes each one (ROS 4.4). */
export async function sendDueReminders(ctx: ServiceContext): Promise<Outcome<{ sent: number }>> {
  const allowed = await authorise(ctx, BOOKERS, '*', {
    entityType: 'appointment',
    entityId: null,
    patientId: null,
    what: 'sending reminders',
  });
  if (!allowed.ok) return allowed;
  const now = ctx.now();
  const until = new Date(now.getTime() + appointmentPolicy.reminderDaysBefore * 86_400_000).toISOString();
  return ctx.store.transaction(async (tx): Promise<Outcome<{ sent: number }>> => {
    let sent = 0;
    for (const a of await tx.appointments.between(now.toISOString(), until)) {
      if (a.state !== 'booked' || a.reminderSentAt !== null) continue;
      const patient = await tx.patients.byId(a.patientId);
      const scanner = await tx.scanners.byId(a.scannerId);
      if (!patient || !scanner) continue;
      const updated = await tx.appointments.update(a, { reminderSentAt: now.toISOString() });
      if (!updated) continue;
      await tx.appointments.insertCorrespondence({
        id: randomUUID(),
        patientId: patient.id,
        referralId: a.referralId,
        appointmentId: a.id,
        kind: 'reminder',
        recipient: `${patient.givenNames} ${patient.familyName}${patient.phone ? `, ${patient.phone}` : ''}`,
        createdAt: now.toISOString(),
        createdBy: allowed.value.actor.userId,
        body: `Reminder: your bone density scan is on ${ukDateTime(a.startsAt)} at ${scanner.location}. If you cannot come, please let us know so that we can offer the time to someone else.`,
      });
      await recordAudit(tx, ctx, {
        action: 'update',
        entityType: 'appointment',
        entityId: a.id,
        patientId: a.patientId,
        detail: { reminder: true },
      });
      sent += 1;
    }
    return ok({ sent });
  });
}
