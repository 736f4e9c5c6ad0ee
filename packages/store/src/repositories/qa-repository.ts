import { z } from 'zod';
import type { SqlExecutor } from '../sql-executor.ts';
import {
  MAINTENANCE_KINDS,
  type MaintenanceEventRecord,
  type PhantomBaselineRecord,
  type PhantomScanRecord,
  type PrecisionStudyRecord,
  type QaAlertRecord,
} from '../types/qa-records.ts';
import { nullableText, parseRow, parseRows } from './row.ts';

const baselineRow = z
  .object({
    id: z.string(),
    scanner_id: z.string(),
    established_at: z.string(),
    established_by: z.string(),
    scans_gcm2: z.array(z.number()),
    mean_gcm2: z.number(),
    sd_gcm2: z.number(),
    tolerance_percent: z.number(),
    reason: z.string(),
  })
  .transform((r): PhantomBaselineRecord => ({
    id: r.id,
    scannerId: r.scanner_id,
    establishedAt: r.established_at,
    establishedBy: r.established_by,
    scansGcm2: r.scans_gcm2,
    meanGcm2: r.mean_gcm2,
    sdGcm2: r.sd_gcm2,
    tolerancePercent: r.tolerance_percent,
    reason: r.reason,
  }));

const scanRow = z
  .object({
    id: z.string(),
    scanner_id: z.string(),
    baseline_id: z.string(),
    scanned_at: z.string(),
    performed_by: z.string(),
    bmd_gcm2: z.number(),
    signals: z.array(z.object({ code: z.string(), text: z.string() })),
    in_control: z.boolean(),
    daily_qc_id: z.string(),
  })
  .transform((r): PhantomScanRecord => ({
    id: r.id,
    scannerId: r.scanner_id,
    baselineId: r.baseline_id,
    scannedAt: r.scanned_at,
    performedBy: r.performed_by,
    bmdGcm2: r.bmd_gcm2,
    signals: r.signals,
    inControl: r.in_control,
    dailyQcId: r.daily_qc_id,
  }));

const alertRow = z
  .object({
    id: z.string(),
    scanner_id: z.string(),
    raised_at: z.string(),
    kind: z.enum(['phantom_out_of_control']),
    detail: z.record(z.string(), z.unknown()),
    closed_at: nullableText,
    closed_by: nullableText,
    closing_note: nullableText,
  })
  .transform((r): QaAlertRecord => ({
    id: r.id,
    scannerId: r.scanner_id,
    raisedAt: r.raised_at,
    kind: r.kind,
    detail: r.detail,
    closedAt: r.closed_at,
    closedBy: r.closed_by,
    closingNote: r.closing_note,
  }));

const precisionRow = z
  .object({
    id: z.string(),
    scanner_id: z.string(),
    operator_id: nullableText,
    performed_from: z.string(),
    performed_to: z.string(),
    recorded_by: z.string(),
    recorded_at: z.string(),
    scans: z.array(
      z.object({
        patient: z.string(),
        scan: z.string(),
        site: z.string(),
        side: z.enum(['left', 'right']).nullable(),
        bmdGcm2: z.number(),
      }),
    ),
    results: z.array(z.record(z.string(), z.unknown())),
    applied_to_lsc: z.boolean(),
  })
  .transform((r): PrecisionStudyRecord => ({
    id: r.id,
    scannerId: r.scanner_id,
    operatorId: r.operator_id,
    performedFrom: r.performed_from,
    performedTo: r.performed_to,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
    scans: r.scans,
    results: r.results,
    appliedToLsc: r.applied_to_lsc,
  }));

const maintenanceRow = z
  .object({
    id: z.string(),
    scanner_id: z.string(),
    kind: z.enum(MAINTENANCE_KINDS),
    reported_at: z.string(),
    reported_by: z.string(),
    description: z.string(),
    handed_over_at: nullableText,
    handed_over_by: nullableText,
    engineer: nullableText,
    returned_at: nullableText,
    returned_by: nullableText,
    engineer_report: nullableText,
    checks_on_return: nullableText,
  })
  .transform((r): MaintenanceEventRecord => ({
    id: r.id,
    scannerId: r.scanner_id,
    kind: r.kind,
    reportedAt: r.reported_at,
    reportedBy: r.reported_by,
    description: r.description,
    handedOverAt: r.handed_over_at,
    handedOverBy: r.handed_over_by,
    engineer: r.engineer,
    returnedAt: r.returned_at,
    returnedBy: r.returned_by,
    engineerReport: r.engineer_report,
    checksOnReturn: r.checks_on_return,
  }));

export interface QaRepository {
  insertBaseline(b: PhantomBaselineRecord): Promise<void>;
  /** The scanner's latest baseline, which the control chart is drawn against. */
  currentBaseline(scannerId: string): Promise<PhantomBaselineRecord | null>;
  insertPhantomScan(s: PhantomScanRecord): Promise<void>;
  /** The phantom scans against a baseline, oldest first. */
  phantomScans(baselineId: string): Promise<PhantomScanRecord[]>;
  insertAlert(a: QaAlertRecord): Promise<void>;
  openAlerts(scannerId: string): Promise<QaAlertRecord[]>;
  alertById(id: string): Promise<QaAlertRecord | null>;
  /** Closes an open alert; false when it was already closed. */
  closeAlert(id: string, by: string, at: string, note: string): Promise<boolean>;
  insertPrecisionStudy(p: PrecisionStudyRecord): Promise<void>;
  /** A scanner's precision studies, newest first. */
  precisionStudies(scannerId: string): Promise<PrecisionStudyRecord[]>;
  insertMaintenance(m: MaintenanceEventRecord): Promise<void>;
  /** Saves the handover fields; false when the entry changed meanwhile (its handover state differs). */
  updateMaintenance(m: MaintenanceEventRecord, expect: { handedOverAt: string | null }): Promise<boolean>;
  maintenanceEvent(id: string): Promise<MaintenanceEventRecord | null>;
  /** A scanner's log, newest first. */
  maintenanceLog(scannerId: string): Promise<MaintenanceEventRecord[]>;
  /** Entries whose scanner is with the engineer now (handed over, not yet returned). */
  withEngineer(scannerId: string): Promise<MaintenanceEventRecord[]>;
}

export function qaRepository(sql: SqlExecutor): QaRepository {
  return {
    async insertBaseline(b) {
      await sql.query(
        `INSERT INTO phantom_baseline (id, scanner_id, established_at, established_by, scans_gcm2, mean_gcm2,
           sd_gcm2, tolerance_percent, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          b.id,
          b.scannerId,
          b.establishedAt,
          b.establishedBy,
          JSON.stringify(b.scansGcm2),
          b.meanGcm2,
          b.sdGcm2,
          b.tolerancePercent,
          b.reason,
        ],
      );
    },
    async currentBaseline(scannerId) {
      return parseRow(
        baselineRow,
        await sql.query(
          'SELECT * FROM phantom_baseline WHERE scanner_id = $1 ORDER BY established_at DESC, id DESC LIMIT 1',
          [scannerId],
        ),
        'phantom_baseline',
      );
    },
    async insertPhantomScan(s) {
      await sql.query(
        `INSERT INTO phantom_scan (id, scanner_id, baseline_id, scanned_at, performed_by, bmd_gcm2, signals,
           in_control, daily_qc_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          s.id,
          s.scannerId,
          s.baselineId,
          s.scannedAt,
          s.performedBy,
          s.bmdGcm2,
          JSON.stringify(s.signals),
          s.inControl,
          s.dailyQcId,
        ],
      );
    },
    async phantomScans(baselineId) {
      return parseRows(
        scanRow,
        await sql.query('SELECT * FROM phantom_scan WHERE baseline_id = $1 ORDER BY scanned_at, id', [
          baselineId,
        ]),
        'phantom_scan',
      );
    },
    async insertAlert(a) {
      await sql.query(
        `INSERT INTO qa_alert (id, scanner_id, raised_at, kind, detail, closed_at, closed_by, closing_note)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          a.id,
          a.scannerId,
          a.raisedAt,
          a.kind,
          JSON.stringify(a.detail),
          a.closedAt,
          a.closedBy,
          a.closingNote,
        ],
      );
    },
    async insertPrecisionStudy(p) {
      await sql.query(
        `INSERT INTO precision_study (id, scanner_id, operator_id, performed_from, performed_to, recorded_by,
           recorded_at, scans, results, applied_to_lsc) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          p.id,
          p.scannerId,
          p.operatorId,
          p.performedFrom,
          p.performedTo,
          p.recordedBy,
          p.recordedAt,
          JSON.stringify(p.scans),
          JSON.stringify(p.results),
          p.appliedToLsc,
        ],
      );
    },
    async precisionStudies(scannerId) {
      return parseRows(
        precisionRow,
        await sql.query(
          'SELECT * FROM precision_study WHERE scanner_id = $1 ORDER BY recorded_at DESC, id DESC',
          [scannerId],
        ),
        'precision_study',
      );
    },
    async insertMaintenance(m) {
      await sql.query(
        `INSERT INTO maintenance_event (id, scanner_id, kind, reported_at, reported_by, description,
           handed_over_at, handed_over_by, engineer, returned_at, returned_by, engineer_report, checks_on_return)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          m.id,
          m.scannerId,
          m.kind,
          m.reportedAt,
          m.reportedBy,
          m.description,
          m.handedOverAt,
          m.handedOverBy,
          m.engineer,
          m.returnedAt,
          m.returnedBy,
          m.engineerReport,
          m.checksOnReturn,
        ],
      );
    },
    async updateMaintenance(m, expect) {
      const rows = await sql.query(
        `UPDATE maintenance_event SET handed_over_at = $2, handed_over_by = $3, engineer = $4, returned_at = $5,
           returned_by = $6, engineer_report = $7, checks_on_return = $8
         WHERE id = $1 AND handed_over_at IS NOT DISTINCT FROM $9::timestamptz AND returned_at IS NULL
         RETURNING id`,
        [
          m.id,
          m.handedOverAt,
          m.handedOverBy,
          m.engineer,
          m.returnedAt,
          m.returnedBy,
          m.engineerReport,
          m.checksOnReturn,
          expect.handedOverAt,
        ],
      );
      return rows.length === 1;
    },
    async maintenanceEvent(id) {
      return parseRow(
        maintenanceRow,
        await sql.query('SELECT * FROM maintenance_event WHERE id = $1', [id]),
        'maintenance_event',
      );
    },
    async maintenanceLog(scannerId) {
      return parseRows(
        maintenanceRow,
        await sql.query(
          'SELECT * FROM maintenance_event WHERE scanner_id = $1 ORDER BY reported_at DESC, id DESC',
          [scannerId],
        ),
        'maintenance_event',
      );
    },
    async withEngineer(scannerId) {
      return parseRows(
        maintenanceRow,
        await sql.query(
          `SELECT * FROM maintenance_event WHERE scanner_id = $1 AND handed_over_at IS NOT NULL
             AND returned_at IS NULL ORDER BY handed_over_at`,
          [scannerId],
        ),
        'maintenance_event',
      );
    },
    async alertById(id) {
      return parseRow(alertRow, await sql.query('SELECT * FROM qa_alert WHERE id = $1', [id]), 'qa_alert');
    },
    async closeAlert(id, by, at, note) {
      const rows = await sql.query(
        `UPDATE qa_alert SET closed_at = $3, closed_by = $2, closing_note = $4
         WHERE id = $1 AND closed_at IS NULL RETURNING id`,
        [id, by, at, note],
      );
      return rows.length === 1;
    },
    async openAlerts(scannerId) {
      return parseRows(
        alertRow,
        await sql.query(
          'SELECT * FROM qa_alert WHERE scanner_id = $1 AND closed_at IS NULL ORDER BY raised_at, id',
          [scannerId],
        ),
        'qa_alert',
      );
    },
  };
}
