import { z } from 'zod';
import type { SqlExecutor } from '../sql-executor.ts';
import type { DailyQcRecord, ScannerRecord } from '../types/appointment-records.ts';
import { nullableText, parseRow, parseRows } from './row.ts';

const scannerRow = z
  .object({
    id: z.string(),
    modality: z.enum(['dxa', 'ct']),
    manufacturer: z.string(),
    model: z.string(),
    software_version: nullableText,
    location: z.string(),
    directions: nullableText,
    accessibility: nullableText,
    serial_number: nullableText,
    installed_on: nullableText,
    active: z.boolean(),
  })
  .transform((r): ScannerRecord => ({
    id: r.id,
    modality: r.modality,
    manufacturer: r.manufacturer,
    model: r.model,
    softwareVersion: r.software_version,
    location: r.location,
    directions: r.directions,
    accessibility: r.accessibility,
    serialNumber: r.serial_number,
    installedOn: r.installed_on,
    active: r.active,
  }));

const qcRow = z
  .object({
    id: z.string(),
    scanner_id: z.string(),
    qc_date: z.string(),
    performed_at: z.string(),
    performed_by: z.string(),
    passed: z.boolean(),
    measurements: z.record(z.string(), z.unknown()),
    note: nullableText,
  })
  .transform((r): DailyQcRecord => ({
    id: r.id,
    scannerId: r.scanner_id,
    qcDate: r.qc_date,
    performedAt: r.performed_at,
    performedBy: r.performed_by,
    passed: r.passed,
    measurements: r.measurements,
    note: r.note,
  }));

export interface ScannersRepository {
  insert(s: ScannerRecord): Promise<void>;
  byId(id: string): Promise<ScannerRecord | null>;
  list(): Promise<ScannerRecord[]>;
  insertQc(qc: DailyQcRecord): Promise<void>;
  /** The day's QC runs on a scanner, latest last. */
  qcOn(scannerId: string, date: string): Promise<DailyQcRecord[]>;
}

export function scannersRepository(sql: SqlExecutor): ScannersRepository {
  return {
    async insert(s) {
      await sql.query(
        `INSERT INTO scanner (id, modality, manufacturer, model, software_version, location, directions,
           accessibility, active, serial_number, installed_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          s.id,
          s.modality,
          s.manufacturer,
          s.model,
          s.softwareVersion,
          s.location,
          s.directions,
          s.accessibility,
          s.active,
          s.serialNumber,
          s.installedOn,
        ],
      );
    },
    async byId(id) {
      return parseRow(scannerRow, await sql.query('SELECT * FROM scanner WHERE id = $1', [id]), 'scanner');
    },
    async list() {
      return parseRows(scannerRow, await sql.query('SELECT * FROM scanner ORDER BY id'), 'scanner');
    },
    async insertQc(qc) {
      await sql.query(
        `INSERT INTO daily_qc (id, scanner_id, qc_date, performed_at, performed_by, passed, measurements, note)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          qc.id,
          qc.scannerId,
          qc.qcDate,
          qc.performedAt,
          qc.performedBy,
          qc.passed,
          JSON.stringify(qc.measurements),
          qc.note,
        ],
      );
    },
    async qcOn(scannerId, date) {
      return parseRows(
        qcRow,
        await sql.query(
          'SELECT * FROM daily_qc WHERE scanner_id = $1 AND qc_date = $2 ORDER BY performed_at',
          [scannerId, date],
        ),
        'daily_qc',
      );
    },
  };
}
