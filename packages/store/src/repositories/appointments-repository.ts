import { z } from 'zod';
import type { SqlExecutor } from '../sql-executor.ts';
import {
  APPOINTMENT_STATES,
  CORRESPONDENCE_KINDS,
  type AppointmentRecord,
  type CalendarAppointment,
  type CorrespondenceRecord,
  type NewCorrespondence,
} from '../types/appointment-records.ts';
import { nullableText, parseRow, parseRows } from './row.ts';

const appointmentRow = z
  .object({
    id: z.string(),
    referral_id: z.string(),
    patient_id: z.string(),
    scanner_id: z.string(),
    starts_at: z.string(),
    duration_minutes: z.number(),
    state: z.enum(APPOINTMENT_STATES),
    booked_by: z.string(),
    booked_at: z.string(),
    scanner_override_reason: nullableText,
    reminder_sent_at: nullableText,
    closed_by: nullableText,
    closed_at: nullableText,
    close_reason: nullableText,
    version: z.number(),
  })
  .transform((r): AppointmentRecord => ({
    id: r.id,
    referralId: r.referral_id,
    patientId: r.patient_id,
    scannerId: r.scanner_id,
    startsAt: r.starts_at,
    durationMinutes: r.duration_minutes,
    state: r.state,
    bookedBy: r.booked_by,
    bookedAt: r.booked_at,
    scannerOverrideReason: r.scanner_override_reason,
    reminderSentAt: r.reminder_sent_at,
    closedBy: r.closed_by,
    closedAt: r.closed_at,
    closeReason: r.close_reason,
    version: r.version,
  }));

const calendarRow = z
  .object({
    patient_family_name: z.string(),
    patient_given_names: z.string(),
    patient_identifier: z.string(),
  })
  .loose()
  .transform((r): CalendarAppointment => ({
    ...appointmentRow.parse(r),
    patient: {
      familyName: r.patient_family_name,
      givenNames: r.patient_given_names,
      identifier: r.patient_identifier,
    },
  }));

const correspondenceRow = z
  .object({
    id: z.string(),
    patient_id: z.string(),
    referral_id: nullableText,
    appointment_id: nullableText,
    kind: z.enum(CORRESPONDENCE_KINDS),
    recipient: z.string(),
    created_at: z.string(),
    created_by: nullableText,
    body: z.string(),
    report_version: z.number().nullable(),
  })
  .transform((r): CorrespondenceRecord => ({
    id: r.id,
    patientId: r.patient_id,
    referralId: r.referral_id,
    appointmentId: r.appointment_id,
    kind: r.kind,
    recipient: r.recipient,
    createdAt: r.created_at,
    createdBy: r.created_by,
    body: r.body,
    reportVersion: r.report_version,
  }));

export interface AppointmentsRepository {
  insert(a: AppointmentRecord): Promise<void>;
  byId(id: string): Promise<AppointmentRecord | null>;
  forReferral(referralId: string): Promise<AppointmentRecord[]>;
  /** The patient's attended appointments, latest first (the previous scan's scanner). */
  attendedByPatient(patientId: string): Promise<AppointmentRecord[]>;
  /** Appointments starting in [from, to), by scanner and time: the day list. */
  between(from: string, to: string, scannerId?: string): Promise<AppointmentRecord[]>;
  /** The same as `between`, each with the patient's name and identifier (one query): the calendar. */
  calendar(from: string, to: string, scannerId?: string): Promise<CalendarAppointment[]>;
  /** Changes an appointment only if it is still at the version read; null when someone else changed it. */
  update(before: AppointmentRecord, after: Partial<AppointmentRecord>): Promise<AppointmentRecord | null>;
  insertCorrespondence(c: NewCorrespondence): Promise<void>;
  correspondence(filter: { patientId?: string; referralId?: string }): Promise<CorrespondenceRecord[]>;
}

export function appointmentsRepository(sql: SqlExecutor): AppointmentsRepository {
  return {
    async insert(a) {
      await sql.query(
        `INSERT INTO appointment (id, referral_id, patient_id, scanner_id, starts_at, duration_minutes, state,
           booked_by, booked_at, scanner_override_reason, reminder_sent_at, closed_by, closed_at, close_reason, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
        [
          a.id,
          a.referralId,
          a.patientId,
          a.scannerId,
          a.startsAt,
          a.durationMinutes,
          a.state,
          a.bookedBy,
          a.bookedAt,
          a.scannerOverrideReason,
          a.reminderSentAt,
          a.closedBy,
          a.closedAt,
          a.closeReason,
          a.version,
        ],
      );
    },
    async byId(id) {
      return parseRow(
        appointmentRow,
        await sql.query('SELECT * FROM appointment WHERE id = $1', [id]),
        'appointment',
      );
    },
    async forReferral(referralId) {
      return parseRows(
        appointmentRow,
        await sql.query(
          'SELECT * FROM appointment WHERE referral_id = $1 ORDER BY booked_at, starts_at, id',
          [referralId],
        ),
        'appointment',
      );
    },
    async attendedByPatient(patientId) {
      return parseRows(
        appointmentRow,
        await sql.query(
          `SELECT * FROM appointment WHERE patient_id = $1 AND state = 'attended' ORDER BY starts_at DESC`,
          [patientId],
        ),
        'appointment',
      );
    },
    async between(from, to, scannerId) {
      return parseRows(
        appointmentRow,
        await sql.query(
          `SELECT * FROM appointment WHERE starts_at >= $1 AND starts_at < $2 AND ($3::text IS NULL OR scanner_id = $3)
           ORDER BY scanner_id, starts_at`,
          [from, to, scannerId ?? null],
        ),
        'appointment',
      );
    },
    async calendar(from, to, scannerId) {
      return parseRows(
        calendarRow,
        await sql.query(
          `SELECT a.*, p.family_name AS patient_family_name, p.given_names AS patient_given_names,
             p.identifier AS patient_identifier
           FROM appointment a JOIN patient p ON p.id = a.patient_id
           WHERE a.starts_at >= $1 AND a.starts_at < $2 AND ($3::text IS NULL OR a.scanner_id = $3)
           ORDER BY a.scanner_id, a.starts_at`,
          [from, to, scannerId ?? null],
        ),
        'appointment',
      );
    },
    async update(before, after) {
      const a = { ...before, ...after };
      const rows = await sql.query(
        `UPDATE appointment SET scanner_id = $3, starts_at = $4, state = $5, reminder_sent_at = $6, closed_by = $7,
           closed_at = $8, close_reason = $9, version = version + 1
         WHERE id = $1 AND version = $2 RETURNING *`,
        [
          a.id,
          before.version,
          a.scannerId,
          a.startsAt,
          a.state,
          a.reminderSentAt,
          a.closedBy,
          a.closedAt,
          a.closeReason,
        ],
      );
      return parseRow(appointmentRow, rows, 'appointment');
    },
    async insertCorrespondence(c) {
      await sql.query(
        `INSERT INTO correspondence (id, patient_id, referral_id, appointment_id, kind, recipient, created_at,
           created_by, body, report_version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          c.id,
          c.patientId,
          c.referralId,
          c.appointmentId,
          c.kind,
          c.recipient,
          c.createdAt,
          c.createdBy,
          c.body,
          c.reportVersion ?? null,
        ],
      );
    },
    async correspondence(filter) {
      return parseRows(
        correspondenceRow,
        await sql.query(
          `SELECT * FROM correspondence WHERE ($1::uuid IS NULL OR patient_id = $1) AND ($2::uuid IS NULL OR referral_id = $2)
           ORDER BY created_at, id`,
          [filter.patientId ?? null, filter.referralId ?? null],
        ),
        'correspondence',
      );
    },
  };
}
