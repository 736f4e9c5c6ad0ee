import { z } from 'zod';
import type { SqlExecutor } from '../sql-executor.ts';
import { INCIDENT_KINDS, type IncidentRecord } from '../types/audit-programme-records.ts';
import { nullableText, parseRow, parseRows } from './row.ts';

const incidentRow = z
  .object({
    id: z.string(),
    kind: z.enum(INCIDENT_KINDS),
    occurred_at: z.string(),
    description: z.string(),
    patient_id: nullableText,
    regulator_notifiable: z.boolean(),
    reported_at: z.string(),
    reported_by: z.string(),
    cause_categories: z.array(z.string()).nullable(),
    root_cause: nullableText,
    contributory_factors: nullableText,
    outcome: nullableText,
    actions: nullableText,
    analysed_at: nullableText,
    analysed_by: nullableText,
    closed_at: nullableText,
    closed_by: nullableText,
  })
  .transform((r): IncidentRecord => ({
    id: r.id,
    kind: r.kind,
    occurredAt: r.occurred_at,
    description: r.description,
    patientId: r.patient_id,
    regulatorNotifiable: r.regulator_notifiable,
    reportedAt: r.reported_at,
    reportedBy: r.reported_by,
    causeCategories: r.cause_categories,
    rootCause: r.root_cause,
    contributoryFactors: r.contributory_factors,
    outcome: r.outcome,
    actions: r.actions,
    analysedAt: r.analysed_at,
    analysedBy: r.analysed_by,
    closedAt: r.closed_at,
    closedBy: r.closed_by,
  }));

export type IncidentAnalysis = Pick<
  IncidentRecord,
  | 'causeCategories'
  | 'rootCause'
  | 'contributoryFactors'
  | 'outcome'
  | 'actions'
  | 'analysedAt'
  | 'analysedBy'
>;

/** Incidents and near misses (ROS 5) with their root cause analysis and outcome. */
export interface IncidentsRepository {
  insert(i: IncidentRecord): Promise<void>;
  byId(id: string): Promise<IncidentRecord | null>;
  /** Every incident, newest report first. */
  list(): Promise<IncidentRecord[]>;
  /** Records (or revises) the analysis; false when the incident is closed. */
  analyse(id: string, analysis: IncidentAnalysis): Promise<boolean>;
  /** Closes an analysed incident; false when it is closed already or not yet analysed. */
  close(id: string, closedAt: string, closedBy: string): Promise<boolean>;
}

export function incidentsRepository(sql: SqlExecutor): IncidentsRepository {
  return {
    async insert(i) {
      await sql.query(
        `INSERT INTO incident (id, kind, occurred_at, description, patient_id, regulator_notifiable, reported_at,
           reported_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          i.id,
          i.kind,
          i.occurredAt,
          i.description,
          i.patientId,
          i.regulatorNotifiable,
          i.reportedAt,
          i.reportedBy,
        ],
      );
    },
    async byId(id) {
      return parseRow(incidentRow, await sql.query('SELECT * FROM incident WHERE id = $1', [id]), 'incident');
    },
    async list() {
      return parseRows(
        incidentRow,
        await sql.query('SELECT * FROM incident ORDER BY reported_at DESC, id DESC'),
        'incident',
      );
    },
    async analyse(id, a) {
      const rows = await sql.query(
        `UPDATE incident SET cause_categories = $2, root_cause = $3, contributory_factors = $4, outcome = $5,
           actions = $6, analysed_at = $7, analysed_by = $8
         WHERE id = $1 AND closed_at IS NULL RETURNING id`,
        [
          id,
          JSON.stringify(a.causeCategories),
          a.rootCause,
          a.contributoryFactors,
          a.outcome,
          a.actions,
          a.analysedAt,
          a.analysedBy,
        ],
      );
      return rows.length === 1;
    },
    async close(id, closedAt, closedBy) {
      const rows = await sql.query(
        `UPDATE incident SET closed_at = $2, closed_by = $3
         WHERE id = $1 AND closed_at IS NULL AND analysed_at IS NOT NULL RETURNING id`,
        [id, closedAt, closedBy],
      );
      return rows.length === 1;
    },
  };
}
