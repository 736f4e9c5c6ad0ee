import { z } from 'zod';
import type { SqlExecutor } from '../sql-executor.ts';
import type { PhantomBaselineRecord, PhantomScanRecord, QaAlertRecord } from '../types/qa-records.ts';
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
