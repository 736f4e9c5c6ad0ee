import { z } from 'zod';
import type { SqlExecutor } from '../sql-executor.ts';
import type { PrecisionStudyRecord } from '../types/qa-records.ts';
import { nullableText, parseRows } from './row.ts';

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

export interface PrecisionStudiesRepository {
  insert(p: PrecisionStudyRecord): Promise<void>;
  /** A scanner's precision studies, newest first. */
  forScanner(scannerId: string): Promise<PrecisionStudyRecord[]>;
}

export function precisionStudiesRepository(sql: SqlExecutor): PrecisionStudiesRepository {
  return {
    async insert(p) {
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
    async forScanner(scannerId) {
      return parseRows(
        precisionRow,
        await sql.query(
          'SELECT * FROM precision_study WHERE scanner_id = $1 ORDER BY recorded_at DESC, id DESC',
          [scannerId],
        ),
        'precision_study',
      );
    },
  };
}
