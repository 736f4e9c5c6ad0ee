import type { CorrespondenceRecord, PatientRecord, Role } from '@quantrad/store';
import { recordStandaloneAudit } from '../audit/record-audit.ts';
import { authorise } from '../authorise.ts';
import type { ServiceContext } from '../context.ts';
import { notFound, ok, type Outcome } from '../outcome.ts';
import { appointmentLetter } from '../reference/appointment-policy.ts';
import { referralView, type ReferralView } from '../referrals/referral-view.ts';
import { bookedView, MODALITY, type BookedAppointment } from './book-appointment.ts';
import {
  patientLeafletDocument,
  questionnaireDocument,
  type PatientLeafletDocument,
  type QuestionnaireDocument,
} from './patient-documents.ts';
import { previousScan } from './previous-scan.ts';

const READERS: readonly Role[] = ['operator', 'administrator', 'service_manager', 'irmer_practitioner'];

/** The letters the booking desk writes and reads back; report letters are not theirs to read. */
const BOOKING_LETTERS: readonly CorrespondenceRecord['kind'][] = [
  'appointment_letter',
  'reminder',
  'did_not_attend_referrer',
];

export interface BookingDetail {
  referral: ReferralView;
  patient: Pick<PatientRecord, 'familyName' | 'givenNames' | 'identifier' | 'birthDate' | 'address'>;
  /**
   * The patient's last attended scan on this kind of scanner: a follow-up is booked on the same scanner so
   * that results can be compared, unless a reason is given (ROS 4.4). Null for a first scan.
   */
  previousScan: { scannerId: string; startsAt: string } | null;
  /** The referral's appointments, booked and closed, in the order they were booked. */
  appointments: BookedAppointment[];
  /** Appointment letters, reminders and did-not-attend letters written for the referral, oldest first. */
  correspondence: CorrespondenceRecord[];
  /** What goes in the envelope with the appointment letter (ROS 4.4; Appendix 2 and 4B). */
  enclosures: string[];
  /** The enclosures themselves, to preview and print with the letter (ROS 4.4; Appendix 4B and 2). */
  documents: { leaflet: PatientLeafletDocument; questionnaire: QuestionnaireDocument };
}

/** What the booking desk needs for one referral: the clock, the follow-up scanner, appointments, letters. */
export async function getBookingDetail(
  ctx: ServiceContext,
  referralId: string,
): Promise<Outcome<BookingDetail>> {
  const referral = await ctx.store.referrals.byId(referralId);
  if (!referral) return notFound('referral', referralId);
  const allowed = await authorise(ctx, READERS, '*', {
    entityType: 'referral',
    entityId: referral.id,
    patientId: referral.patientId,
    what: 'reading a referral’s bookings',
    action: 'read',
  });
  if (!allowed.ok) return allowed;
  const patient = await ctx.store.patients.byId(referral.patientId);
  if (!patient) return notFound('patient', referral.patientId);
  const previous = await previousScan(ctx.store, referral.patientId, MODALITY[referral.examination]);
  const appointments = await ctx.store.appointments.forReferral(referral.id);
  const correspondence = (await ctx.store.appointments.correspondence({ referralId: referral.id })).filter(
    (c) => BOOKING_LETTERS.includes(c.kind),
  );
  // The questionnaire names the appointment still to come (the latest booked one).
  const booked = appointments.filter((a) => a.state === 'booked').at(-1);
  const scanner = booked ? await ctx.store.scanners.byId(booked.scannerId) : null;
  const service = await ctx.store.reports.serviceDetails();
  await recordStandaloneAudit(ctx, {
    action: 'read',
    entityType: 'referral',
    entityId: referral.id,
    patientId: referral.patientId,
    detail: { booking: true, correspondence: correspondence.map((c) => c.id) },
  });
  return ok({
    referral: referralView(referral, ctx.now()),
    patient: {
      familyName: patient.familyName,
      givenNames: patient.givenNames,
      identifier: patient.identifier,
      birthDate: patient.birthDate,
      address: patient.address,
    },
    previousScan: previous ? { scannerId: previous.scannerId, startsAt: previous.startsAt } : null,
    appointments: appointments.map((a) => bookedView(a, referral)),
    correspondence,
    enclosures: appointmentLetter.enclosures,
    documents: {
      leaflet: patientLeafletDocument(service),
      questionnaire: questionnaireDocument(
        patient,
        booked ? { appointment: booked, scanner: scanner ?? null } : null,
      ),
    },
  });
}
