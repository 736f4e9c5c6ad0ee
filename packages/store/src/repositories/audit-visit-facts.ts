import { z } from 'zod';
import type { SqlExecutor } from '../sql-executor.ts';
import type { SampledVisitChecks } from '../types/audit-programme-records.ts';
import { nullableText, parseRows } from './row.ts';

const visitChecksRow = z
  .object({
    id: z.string(),
    recorded_at: z.string(),
    birth_date: z.string(),
    identity: z.record(z.string(), z.boolean()),
    pregnancy: z.object({
      childBearingCapacity: z.boolean(),
      status: z.string(),
      signedBy: nullableText.optional(),
    }),
  })
  .transform((r): SampledVisitChecks => ({
    visitId: r.id,
    scannedAt: r.recorded_at,
    patientBirthDate: r.birth_date,
    identity: r.identity,
    childBearingCapacity: r.pregnancy.childBearingCapacity,
    pregnancyStatus: r.pregnancy.status,
    pregnancySignedBy: r.pregnancy.signedBy ?? null,
  }));

/** The identification and pregnancy enquiry recorded at each sampled scan, with the patient's birth date. */
export async function visitChecks(sql: SqlExecutor, ids: readonly string[]): Promise<SampledVisitChecks[]> {
  return parseRows(
    visitChecksRow,
    await sql.query(
      `SELECT sv.id, sv.recorded_at, p.birth_date, sv.identity, sv.pregnancy
       FROM scan_visit sv JOIN patient p ON p.id = sv.patient_id
       WHERE sv.id::text IN (SELECT jsonb_array_elements_text($1::jsonb))
       ORDER BY sv.recorded_at, sv.id`,
      [JSON.stringify(ids)],
    ),
    'scan_visit',
  );
}
