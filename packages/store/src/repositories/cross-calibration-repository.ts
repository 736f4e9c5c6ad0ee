import { z } from 'zod';
import type { SqlExecutor } from '../sql-executor.ts';
import { CROSS_CALIBRATION_METHODS, type CrossCalibrationRecord } from '../types/commissioning-records.ts';
import { nullableText, parseRows } from './row.ts';

const crossCalibrationRow = z
  .object({
    id: z.string(),
    from_scanner_id: z.string(),
    to_scanner_id: z.string(),
    site: nullableText,
    method: z.enum(CROSS_CALIBRATION_METHODS),
    performed_from: z.string(),
    performed_to: z.string(),
    slope: z.number(),
    intercept_gcm2: z.number(),
    lsc_gcm2: z.number().nullable(),
    fit: z.record(z.string(), z.unknown()).nullable(),
    scans: z.array(z.record(z.string(), z.unknown())).nullable(),
    source: z.string(),
    recorded_by: z.string(),
    recorded_at: z.string(),
  })
  .transform((r): CrossCalibrationRecord => ({
    id: r.id,
    fromScannerId: r.from_scanner_id,
    toScannerId: r.to_scanner_id,
    site: r.site,
    method: r.method,
    performedFrom: r.performed_from,
    performedTo: r.performed_to,
    slope: r.slope,
    interceptGcm2: r.intercept_gcm2,
    lscGcm2: r.lsc_gcm2,
    fit: r.fit,
    scans: r.scans,
    source: r.source,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
  }));

/** Cross-calibrations between scanners (ISCD 2019). */
export interface CrossCalibrationRepository {
  insert(c: CrossCalibrationRecord): Promise<void>;
  /** Every cross-calibration touching the scanner, newest first. */
  forScanner(scannerId: string): Promise<CrossCalibrationRecord[]>;
  /** The newest conversion for each old scanner and site into this scanner: what serial change uses. */
  currentInto(toScannerId: string): Promise<CrossCalibrationRecord[]>;
}

export function crossCalibrationRepository(sql: SqlExecutor): CrossCalibrationRepository {
  return {
    async insert(c) {
      await sql.query(
        `INSERT INTO cross_calibration (id, from_scanner_id, to_scanner_id, site, method, performed_from,
           performed_to, slope, intercept_gcm2, lsc_gcm2, fit, scans, source, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
        [
          c.id,
          c.fromScannerId,
          c.toScannerId,
          c.site,
          c.method,
          c.performedFrom,
          c.performedTo,
          c.slope,
          c.interceptGcm2,
          c.lscGcm2,
          c.fit === null ? null : JSON.stringify(c.fit),
          c.scans === null ? null : JSON.stringify(c.scans),
          c.source,
          c.recordedBy,
          c.recordedAt,
        ],
      );
    },
    async forScanner(scannerId) {
      return parseRows(
        crossCalibrationRow,
        await sql.query(
          `SELECT * FROM cross_calibration WHERE from_scanner_id = $1 OR to_scanner_id = $1
           ORDER BY recorded_at DESC, id DESC`,
          [scannerId],
        ),
        'cross_calibration',
      );
    },
    async currentInto(toScannerId) {
      return parseRows(
        crossCalibrationRow,
        await sql.query(
          `SELECT DISTINCT ON (from_scanner_id, site) * FROM cross_calibration WHERE to_scanner_id = $1
           ORDER BY from_scanner_id, site, recorded_at DESC, id DESC`,
          [toScannerId],
        ),
        'cross_calibration',
      );
    },
  };
}
