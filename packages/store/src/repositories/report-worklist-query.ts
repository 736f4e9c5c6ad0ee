import { z } from 'zod';
import type { SqlExecutor } from '../sql-executor.ts';
import {
  REPORT_WORKLIST_STAGES,
  type ReportWorklistFilter,
  type ReportWorklistRow,
} from '../types/report-records.ts';
import { countRow, parseRows, totalCountRow } from './row.ts';

// The reporting worklist (ROS 4.6): scanned visits with results and no report yet, drafts awaiting
// signature, and signed (or amended) reports whose latest version has not been issued. Oldest visit first.

const ITEMS = `
  WITH latest AS (SELECT report_id, max(version) AS version FROM report_version GROUP BY report_id),
  items AS (
    SELECT v.id AS visit_id, v.recorded_at AS visit_at, v.patient_id, r.id AS report_id, r.state,
      l.version, r.issued_version,
      CASE WHEN r.id IS NULL THEN 'to_draft' WHEN r.state = 'draft' THEN 'to_sign' ELSE 'to_issue' END AS stage
    FROM scan_visit v
    LEFT JOIN report r ON r.visit_id = v.id
    LEFT JOIN latest l ON l.report_id = r.id
    WHERE v.outcome = 'scanned'
      AND (r.id IS NOT NULL OR EXISTS (SELECT 1 FROM dxa_result d WHERE d.visit_id = v.id))
      AND (r.id IS NULL OR r.state = 'draft' OR r.issued_version IS NULL OR r.issued_version < l.version)
  )`;

const worklistRow = z
  .object({
    stage: z.enum(REPORT_WORKLIST_STAGES),
    visit_id: z.string(),
    visit_at: z.string(),
    patient_id: z.string(),
    family_name: z.string(),
    given_names: z.string(),
    identifier: z.string(),
    report_id: z.string().nullable(),
    state: z.enum(['draft', 'signed', 'amended']).nullable(),
    version: z.number().nullable(),
    issued_version: z.number().nullable(),
  })
  .transform((r): ReportWorklistRow => ({
    stage: r.stage,
    visitId: r.visit_id,
    visitAt: r.visit_at,
    patientId: r.patient_id,
    patientName: `${r.family_name.toUpperCase()}, ${r.given_names}`,
    patientIdentifier: r.identifier,
    reportId: r.report_id,
    state: r.state,
    version: r.version,
    issuedVersion: r.issued_version,
  }));

export async function reportWorklist(
  sql: SqlExecutor,
  filter: ReportWorklistFilter,
): Promise<{ items: ReportWorklistRow[]; total: number }> {
  const stage = filter.stage ?? null;
  // One round trip: the page and, on every row, the total the filter matches.
  const rows = await sql.query(
    `${ITEMS}
     SELECT i.*, p.family_name, p.given_names, p.identifier, count(*) OVER ()::int AS total_count
     FROM items i JOIN patient p ON p.id = i.patient_id
     WHERE ($1::text IS NULL OR i.stage = $1)
     ORDER BY i.visit_at, i.visit_id LIMIT $2 OFFSET $3`,
    [stage, filter.limit, filter.offset],
  );
  if (rows.length === 0 && filter.offset > 0) {
    const [count] = await sql.query(
      `${ITEMS} SELECT count(*)::int AS n FROM items i WHERE ($1::text IS NULL OR i.stage = $1)`,
      [stage],
    );
    return { items: [], total: countRow.parse(count).n };
  }
  const total = totalCountRow.parse(rows[0])?.total_count ?? 0;
  const items = parseRows(
    worklistRow,
    rows.map(({ total_count: _, ...row }) => row),
    'report worklist',
  );
  return { items, total };
}
