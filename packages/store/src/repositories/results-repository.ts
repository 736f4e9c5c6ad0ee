import { z } from 'zod';
import type { SqlExecutor } from '../sql-executor.ts';
import type { DxaResultRecord, ScannerLscRecord } from '../types/result-records.ts';
import { parseRow, parseRows } from './row.ts';

const lscRow = z
  .object({
    scanner_id: z.string(),
    site: z.string(),
    side: z.enum(['', 'left', 'right']),
    lsc_gcm2: z.number(),
    source: z.string(),
    recorded_by: z.string(),
    recorded_at: z.string(),
  })
  .transform((r): ScannerLscRecord => ({
    scannerId: r.scanner_id,
    site: r.site,
    side: r.side === '' ? null : r.side,
    lscGcm2: r.lsc_gcm2,
    source: r.source,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
  }));

const resultRow = z
  .object({
    id: z.string(),
    visit_id: z.string(),
    version: z.number(),
    patient_id: z.string(),
    referral_id: z.string(),
    scanner_id: z.string(),
    exam_date: z.string(),
    source: z.string(),
    exam_input: z.record(z.string(), z.unknown()),
    assessment: z.record(z.string(), z.unknown()),
    entered_by: z.string(),
    entered_at: z.string(),
  })
  .transform((r): DxaResultRecord => ({
    id: r.id,
    visitId: r.visit_id,
    version: r.version,
    patientId: r.patient_id,
    referralId: r.referral_id,
    scannerId: r.scanner_id,
    examDate: r.exam_date,
    source: r.source,
    examInput: r.exam_input,
    assessment: r.assessment,
    enteredBy: r.entered_by,
    enteredAt: r.entered_at,
  }));

export interface ResultsRepository {
  /** Records or replaces the LSC of a scanner site. */
  setLsc(l: ScannerLscRecord): Promise<void>;
  lscAll(): Promise<ScannerLscRecord[]>;
  insertResult(r: DxaResultRecord): Promise<void>;
  /** The latest version of each visit's results for a patient, oldest exam first. */
  latestForPatient(patientId: string): Promise<DxaResultRecord[]>;
  versionsForVisit(visitId: string): Promise<DxaResultRecord[]>;
  byId(id: string): Promise<DxaResultRecord | null>;
}

export function resultsRepository(sql: SqlExecutor): ResultsRepository {
  return {
    async setLsc(l) {
      await sql.query(
        `INSERT INTO scanner_lsc (scanner_id, site, side, lsc_gcm2, source, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (scanner_id, site, side) DO UPDATE SET lsc_gcm2 = $4, source = $5, recorded_by = $6, recorded_at = $7`,
        [l.scannerId, l.site, l.side ?? '', l.lscGcm2, l.source, l.recordedBy, l.recordedAt],
      );
    },
    async lscAll() {
      return parseRows(
        lscRow,
        await sql.query('SELECT * FROM scanner_lsc ORDER BY scanner_id, site, side'),
        'scanner_lsc',
      );
    },
    async insertResult(r) {
      await sql.query(
        // The WHO category and fracture columns as migration 0015 fills them, for the service data (ROS 5).
        `INSERT INTO dxa_result (id, visit_id, version, patient_id, referral_id, scanner_id, exam_date, source,
           exam_input, assessment, entered_by, entered_at, who_category, fragility_fracture)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11, $12,
           CASE WHEN $10::jsonb #>> '{classification,scheme}' = 'who'
             THEN $10::jsonb #>> '{classification,category}' END,
           coalesce($9::jsonb #>> '{clinical,priorFragilityFracture}' = 'true', false)
             OR coalesce(($9::jsonb #>> '{clinical,vertebralFractures}')::int > 0, false))`,
        [
          r.id,
          r.visitId,
          r.version,
          r.patientId,
          r.referralId,
          r.scannerId,
          r.examDate,
          r.source,
          JSON.stringify(r.examInput),
          JSON.stringify(r.assessment),
          r.enteredBy,
          r.enteredAt,
        ],
      );
    },
    async latestForPatient(patientId) {
      return parseRows(
        resultRow,
        await sql.query(
          `SELECT DISTINCT ON (visit_id) * FROM dxa_result WHERE patient_id = $1 ORDER BY visit_id, version DESC`,
          [patientId],
        ),
        'dxa_result',
      ).sort((a, b) => (a.examDate < b.examDate ? -1 : a.examDate > b.examDate ? 1 : 0));
    },
    async versionsForVisit(visitId) {
      return parseRows(
        resultRow,
        await sql.query('SELECT * FROM dxa_result WHERE visit_id = $1 ORDER BY version', [visitId]),
        'dxa_result',
      );
    },
    async byId(id) {
      return parseRow(
        resultRow,
        await sql.query('SELECT * FROM dxa_result WHERE id = $1', [id]),
        'dxa_result',
      );
    },
  };
}
