import { z } from 'zod';
import type { SqlExecutor } from '../sql-executor.ts';
import {
  COMMISSIONING_OUTCOMES,
  type CommissioningCheckRecord,
  type CommissioningRecord,
} from '../types/commissioning-records.ts';
import { nullableText, parseRow, parseRows } from './row.ts';

const commissioningRow = z
  .object({
    scanner_id: z.string(),
    started_at: z.string(),
    started_by: z.string(),
    replaces_scanner_id: nullableText,
    released_at: nullableText,
    released_by: nullableText,
    release_note: nullableText,
  })
  .transform((r): CommissioningRecord => ({
    scannerId: r.scanner_id,
    startedAt: r.started_at,
    startedBy: r.started_by,
    replacesScannerId: r.replaces_scanner_id,
    releasedAt: r.released_at,
    releasedBy: r.released_by,
    releaseNote: r.release_note,
  }));

const checkRow = z
  .object({
    scanner_id: z.string(),
    item_code: z.string(),
    outcome: z.enum(COMMISSIONING_OUTCOMES),
    note: nullableText,
    evidence: nullableText,
    recorded_by: z.string(),
    recorded_at: z.string(),
  })
  .transform((r): CommissioningCheckRecord => ({
    scannerId: r.scanner_id,
    itemCode: r.item_code,
    outcome: r.outcome,
    note: r.note,
    evidence: r.evidence,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
  }));

/** Scanner commissioning and its checklist (ROS Appendix 3). */
export interface CommissioningRepository {
  /** False when the scanner already has a commissioning record. */
  start(c: CommissioningRecord): Promise<boolean>;
  forScanner(scannerId: string): Promise<CommissioningRecord | null>;
  /** Records (or re-records) one checklist item. */
  recordCheck(c: CommissioningCheckRecord): Promise<void>;
  checks(scannerId: string): Promise<CommissioningCheckRecord[]>;
  /** False when it was released meanwhile. */
  release(scannerId: string, by: string, at: string, note: string | null): Promise<boolean>;
  /** Whether the scanner is in commissioning and not yet released for clinical use. */
  awaitingRelease(scannerId: string): Promise<boolean>;
}

export function commissioningRepository(sql: SqlExecutor): CommissioningRepository {
  return {
    async start(c) {
      const rows = await sql.query(
        `INSERT INTO scanner_commissioning (scanner_id, started_at, started_by, replaces_scanner_id)
         VALUES ($1, $2, $3, $4) ON CONFLICT (scanner_id) DO NOTHING RETURNING scanner_id`,
        [c.scannerId, c.startedAt, c.startedBy, c.replacesScannerId],
      );
      return rows.length === 1;
    },
    async forScanner(scannerId) {
      return parseRow(
        commissioningRow,
        await sql.query('SELECT * FROM scanner_commissioning WHERE scanner_id = $1', [scannerId]),
        'scanner_commissioning',
      );
    },
    async recordCheck(c) {
      await sql.query(
        `INSERT INTO commissioning_check (scanner_id, item_code, outcome, note, evidence, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (scanner_id, item_code) DO UPDATE SET outcome = $3, note = $4, evidence = $5,
           recorded_by = $6, recorded_at = $7`,
        [c.scannerId, c.itemCode, c.outcome, c.note, c.evidence, c.recordedBy, c.recordedAt],
      );
    },
    async checks(scannerId) {
      return parseRows(
        checkRow,
        await sql.query('SELECT * FROM commissioning_check WHERE scanner_id = $1 ORDER BY item_code', [
          scannerId,
        ]),
        'commissioning_check',
      );
    },
    async release(scannerId, by, at, note) {
      const rows = await sql.query(
        `UPDATE scanner_commissioning SET released_at = $2, released_by = $3, release_note = $4
         WHERE scanner_id = $1 AND released_at IS NULL RETURNING scanner_id`,
        [scannerId, at, by, note],
      );
      return rows.length === 1;
    },
    async awaitingRelease(scannerId) {
      const rows = await sql.query(
        'SELECT 1 FROM scanner_commissioning WHERE scanner_id = $1 AND released_at IS NULL',
        [scannerId],
      );
      return rows.length > 0;
    },
  };
}
