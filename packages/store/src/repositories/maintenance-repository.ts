import { z } from 'zod';
import type { SqlExecutor } from '../sql-executor.ts';
import { MAINTENANCE_KINDS, type MaintenanceEventRecord } from '../types/qa-records.ts';
import { nullableText, parseRow, parseRows } from './row.ts';

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

/** A scanner's maintenance and fault log (ROS 5.2). */
export interface MaintenanceRepository {
  insert(m: MaintenanceEventRecord): Promise<void>;
  /** Saves the handover fields; false when the entry changed meanwhile (its handover state differs). */
  update(m: MaintenanceEventRecord, expect: { handedOverAt: string | null }): Promise<boolean>;
  byId(id: string): Promise<MaintenanceEventRecord | null>;
  /** A scanner's log, newest first. */
  forScanner(scannerId: string): Promise<MaintenanceEventRecord[]>;
  /** Entries whose scanner is with the engineer now (handed over, not yet returned). */
  withEngineer(scannerId: string): Promise<MaintenanceEventRecord[]>;
}

export function maintenanceRepository(sql: SqlExecutor): MaintenanceRepository {
  return {
    async insert(m) {
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
    async update(m, expect) {
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
    async byId(id) {
      return parseRow(
        maintenanceRow,
        await sql.query('SELECT * FROM maintenance_event WHERE id = $1', [id]),
        'maintenance_event',
      );
    },
    async forScanner(scannerId) {
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
  };
}
