import { z } from 'zod';
import type { SqlExecutor } from '../sql-executor.ts';
import {
  INVESTIGATION_KINDS,
  type FurtherInvestigationRecord,
} from '../types/further-investigation-record.ts';
import { nullableText, parseRows } from './row.ts';

const row = z
  .object({
    id: z.string(),
    patient_id: z.string(),
    referral_id: z.string(),
    visit_id: nullableText,
    kind: z.enum(INVESTIGATION_KINDS),
    reason: z.string(),
    status: z.enum(['recommended', 'requested', 'done', 'declined']),
    recorded_by: z.string(),
    recorded_at: z.string(),
    outcome: nullableText,
  })
  .transform((r): FurtherInvestigationRecord => ({
    id: r.id,
    patientId: r.patient_id,
    referralId: r.referral_id,
    visitId: r.visit_id,
    kind: r.kind,
    reason: r.reason,
    status: r.status,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
    outcome: r.outcome,
  }));

export interface InvestigationsRepository {
  insert(i: FurtherInvestigationRecord): Promise<void>;
  forPatient(patientId: string): Promise<FurtherInvestigationRecord[]>;
}

export function investigationsRepository(sql: SqlExecutor): InvestigationsRepository {
  return {
    async insert(i) {
      await sql.query(
        `INSERT INTO further_investigation (id, patient_id, referral_id, visit_id, kind, reason, status, recorded_by,
           recorded_at, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          i.id,
          i.patientId,
          i.referralId,
          i.visitId,
          i.kind,
          i.reason,
          i.status,
          i.recordedBy,
          i.recordedAt,
          i.outcome,
        ],
      );
    },
    async forPatient(patientId) {
      return parseRows(
        row,
        await sql.query(
          'SELECT * FROM further_investigation WHERE patient_id = $1 ORDER BY recorded_at, id',
          [patientId],
        ),
        'further_investigation',
      );
    },
  };
}
