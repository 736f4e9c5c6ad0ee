import type { AppointmentRecord, Role } from '@quantrad/store';
import { z } from 'zod';
import { recordStandaloneAudit } from '../audit/record-audit.ts';
import { authorise } from '../authorise.ts';
import type { ServiceContext } from '../context.ts';
import { ok, type Outcome } from '../outcome.ts';
import { auditProgramme } from '../reference/audit-programme.ts';
import { validate } from '../validate.ts';

const READERS: readonly Role[] = [
  'operator',
  'administrator',
  'service_manager',
  'irmer_practitioner',
  'reporter',
];

export const dayListSchema = z.strictObject({ date: z.iso.date() });

/** One appointment of the day with what the operator confirms with the patient (ROS 4.5). */
export interface DayListEntry {
  appointment: AppointmentRecord;
  patient: {
    id: string;
    identifier: string;
    familyName: string;
    givenNames: string;
    birthDate: string;
    address: string;
    sex: 'female' | 'male';
    pronouns: string | null;
    /** Whole years on the day of the appointment. */
    ageYears: number;
  };
  examination: 'dxa' | 'qct';
  /**
   * Within the ages at which the pregnancy enquiry is made of everyone with child-bearing capacity,
   * whatever their recorded sex (SoR Inclusive Pregnancy Status Guidelines 2021; the ages are data).
   */
  pregnancyEnquiryAge: boolean;
  /** The visit recorded for this appointment, or null. */
  visit: { id: string; outcome: 'scanned' | 'not_scanned'; sitesScanned: string[] } | null;
}

export interface DayList {
  date: string;
  pregnancyEnquiryAgeYears: { from: number; to: number };
  appointments: DayListEntry[];
}

/** Whole years from a birth date to a day (both ISO dates). */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * The day's list for the scanning staff: each appointment, by time, with the patient's identification
 * details, the examination, and the visit once recorded. Audited, as it names patients.
 */
export async function dayList(ctx: ServiceContext, input: unknown): Promise<Outcome<DayList>> {
  const parsed = validate(dayListSchema, input);
  if (!parsed.ok) return parsed;
  const date = parsed.value.date;
  const allowed = await authorise(ctx, READERS, '*', {
    entityType: 'appointment',
    entityId: null,
    patientId: null,
    what: "reading the day's list",
    action: 'read',
  });
  if (!allowed.ok) return allowed;
  const end = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString();
  const appointments = await ctx.store.appointments.between(`${date}T00:00:00.000Z`, end);
  const ages = auditProgramme.pregnancyEnquiryAgeYears;
  const entries: DayListEntry[] = [];
  for (const appointment of appointments) {
    const patient = await ctx.store.patients.byId(appointment.patientId);
    const referral = await ctx.store.referrals.byId(appointment.referralId);
    if (!patient || !referral) continue;
    const visit = await ctx.store.scanVisits.byAppointment(appointment.id);
    const ageYears = ageOn(patient.birthDate, date);
    entries.push({
      appointment,
      patient: {
        id: patient.id,
        identifier: patient.identifier,
        familyName: patient.familyName,
        givenNames: patient.givenNames,
        birthDate: patient.birthDate,
        address: patient.address,
        sex: patient.sex,
        pronouns: patient.pronouns,
        ageYears,
      },
      examination: referral.examination,
      pregnancyEnquiryAge: ageYears >= ages.from && ageYears <= ages.to,
      visit: visit ? { id: visit.id, outcome: visit.outcome, sitesScanned: visit.sitesScanned } : null,
    });
  }
  await recordStandaloneAudit(ctx, {
    action: 'read',
    entityType: 'appointment',
    entityId: null,
    patientId: null,
    detail: { dayList: date, ids: appointments.map((a) => a.id) },
  });
  return ok({ date, pregnancyEnquiryAgeYears: { ...ages }, appointments: entries });
}
