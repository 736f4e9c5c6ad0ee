import { z } from 'zod';
import type { SqlExecutor } from '../sql-executor.ts';
import { questionnaireSchema } from '../types/questionnaire.ts';
import { SCAN_SITES, type ScanVisitRecord } from '../types/scan-visit-record.ts';
import { nullableText, parseRow, parseRows } from './row.ts';

const visitRow = z
  .object({
    id: z.string(),
    appointment_id: z.string(),
    referral_id: z.string(),
    patient_id: z.string(),
    scanner_id: z.string(),
    operator_id: z.string(),
    recorded_at: z.string(),
    identity: z.object({
      name: z.boolean(),
      birthDate: z.boolean(),
      address: z.boolean(),
      examination: z.boolean(),
    }),
    pregnancy: z.object({
      childBearingCapacity: z.boolean(),
      status: z.enum(['not_pregnant', 'possibly_pregnant', 'pregnant', 'not_applicable']),
      lastMenstrualPeriod: nullableText,
      signedBy: nullableText,
    }),
    questionnaire: questionnaireSchema,
    height_cm: z.number().nullable(),
    weight_kg: z.number().nullable(),
    consent: z.boolean(),
    contraindications: z.object({
      recentNuclearMedicine: z.boolean(),
      recentContrast: z.boolean(),
      metalwork: nullableText,
    }),
    outcome: z.enum(['scanned', 'not_scanned']),
    not_scanned_reason: nullableText,
    sites_scanned: z.array(z.enum(SCAN_SITES)),
    repeat_or_extra_scans: nullableText,
    operator_notes: nullableText,
  })
  .transform((r): ScanVisitRecord => ({
    id: r.id,
    appointmentId: r.appointment_id,
    referralId: r.referral_id,
    patientId: r.patient_id,
    scannerId: r.scanner_id,
    operatorId: r.operator_id,
    recordedAt: r.recorded_at,
    identity: r.identity,
    pregnancy: r.pregnancy,
    questionnaire: r.questionnaire,
    heightCm: r.height_cm,
    weightKg: r.weight_kg,
    consent: r.consent,
    contraindications: r.contraindications,
    outcome: r.outcome,
    notScannedReason: r.not_scanned_reason,
    sitesScanned: r.sites_scanned,
    repeatOrExtraScans: r.repeat_or_extra_scans,
    operatorNotes: r.operator_notes,
  }));

export interface ScanVisitsRepository {
  insert(v: ScanVisitRecord): Promise<void>;
  byId(id: string): Promise<ScanVisitRecord | null>;
  byAppointment(appointmentId: string): Promise<ScanVisitRecord | null>;
  forPatient(patientId: string): Promise<ScanVisitRecord[]>;
}

export function scanVisitsRepository(sql: SqlExecutor): ScanVisitsRepository {
  return {
    async insert(v) {
      await sql.query(
        `INSERT INTO scan_visit (id, appointment_id, referral_id, patient_id, scanner_id, operator_id, recorded_at,
           identity, pregnancy, questionnaire, height_cm, weight_kg, consent, contraindications, outcome,
           not_scanned_reason, sites_scanned, repeat_or_extra_scans, operator_notes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
        [
          v.id,
          v.appointmentId,
          v.referralId,
          v.patientId,
          v.scannerId,
          v.operatorId,
          v.recordedAt,
          JSON.stringify(v.identity),
          JSON.stringify(v.pregnancy),
          JSON.stringify(v.questionnaire),
          v.heightCm,
          v.weightKg,
          v.consent,
          JSON.stringify(v.contraindications),
          v.outcome,
          v.notScannedReason,
          JSON.stringify(v.sitesScanned),
          v.repeatOrExtraScans,
          v.operatorNotes,
        ],
      );
    },
    async byId(id) {
      return parseRow(
        visitRow,
        await sql.query('SELECT * FROM scan_visit WHERE id = $1', [id]),
        'scan_visit',
      );
    },
    async byAppointment(appointmentId) {
      return parseRow(
        visitRow,
        await sql.query('SELECT * FROM scan_visit WHERE appointment_id = $1', [appointmentId]),
        'scan_visit',
      );
    },
    async forPatient(patientId) {
      return parseRows(
        visitRow,
        await sql.query('SELECT * FROM scan_visit WHERE patient_id = $1 ORDER BY recorded_at DESC', [
          patientId,
        ]),
        'scan_visit',
      );
    },
  };
}
