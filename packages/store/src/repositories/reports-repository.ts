import { z } from 'zod';
import type { SqlExecutor } from '../sql-executor.ts';
import type {
  ReporterProfileRecord,
  ReportRow,
  ReportVersionRow,
  ReportWorklistFilter,
  ReportWorklistRow,
  ServiceDetailsRecord,
} from '../types/report-records.ts';
import { reportWorklist } from './report-worklist-query.ts';
import { nullableText, parseRow, parseRows } from './row.ts';

const reportRow = z
  .object({
    id: z.string(),
    visit_id: z.string(),
    patient_id: z.string(),
    referral_id: z.string(),
    state: z.enum(['draft', 'signed', 'amended']),
    created_at: z.string(),
    issued_version: z.number().nullable(),
    row_version: z.number(),
  })
  .transform((r): ReportRow => ({
    id: r.id,
    visitId: r.visit_id,
    patientId: r.patient_id,
    referralId: r.referral_id,
    state: r.state,
    createdAt: r.created_at,
    issuedVersion: r.issued_version,
    rowVersion: r.row_version,
  }));

const versionRow = z
  .object({
    report_id: z.string(),
    version: z.number(),
    result_id: z.string(),
    context: z.record(z.string(), z.unknown()),
    document: z.record(z.string(), z.unknown()),
    created_at: z.string(),
    created_by: z.string(),
    reason: nullableText,
    signed_at: nullableText,
    signed_by: nullableText,
  })
  .transform((r): ReportVersionRow => ({
    reportId: r.report_id,
    version: r.version,
    resultId: r.result_id,
    context: r.context,
    document: r.document,
    createdAt: r.created_at,
    createdBy: r.created_by,
    reason: r.reason,
    signedAt: r.signed_at,
    signedBy: r.signed_by,
  }));

const profileRow = z
  .object({
    user_id: z.string(),
    title: z.string(),
    registration_body: z.enum(['GMC', 'HCPC', 'NMC', 'GPhC', 'other']),
    registration_number: z.string(),
  })
  .transform((r): ReporterProfileRecord => ({
    userId: r.user_id,
    title: r.title,
    registrationBody: r.registration_body,
    registrationNumber: r.registration_number,
  }));

const serviceRow = z
  .object({
    name: z.string(),
    address: z.string(),
    advice_line: nullableText,
    email: nullableText,
    gp_copy_commissioned: z.boolean(),
  })
  .transform((r): ServiceDetailsRecord => ({
    name: r.name,
    address: r.address,
    adviceLine: r.advice_line,
    email: r.email,
    gpCopyCommissioned: r.gp_copy_commissioned,
  }));

export interface ReportsRepository {
  setReporterProfile(p: ReporterProfileRecord): Promise<void>;
  reporterProfile(userId: string): Promise<ReporterProfileRecord | null>;
  setServiceDetails(s: ServiceDetailsRecord): Promise<void>;
  serviceDetails(): Promise<ServiceDetailsRecord | null>;
  insertReport(r: ReportRow): Promise<void>;
  byId(id: string): Promise<ReportRow | null>;
  forVisit(visitId: string): Promise<ReportRow | null>;
  /** Changes state or issue only at the row version read; null when someone else changed it first. */
  update(before: ReportRow, change: Pick<ReportRow, 'state' | 'issuedVersion'>): Promise<ReportRow | null>;
  /** Writes a version: a new one, or the draft's content again (a draft has one version, rewritten). */
  saveVersion(v: ReportVersionRow): Promise<void>;
  versions(reportId: string): Promise<ReportVersionRow[]>;
  /** The reporting worklist, a page of it with the total the filter matches. */
  worklist(filter: ReportWorklistFilter): Promise<{ items: ReportWorklistRow[]; total: number }>;
}

export function reportsRepository(sql: SqlExecutor): ReportsRepository {
  return {
    async setReporterProfile(p) {
      await sql.query(
        `INSERT INTO reporter_profile (user_id, title, registration_body, registration_number) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id) DO UPDATE SET title = $2, registration_body = $3, registration_number = $4`,
        [p.userId, p.title, p.registrationBody, p.registrationNumber],
      );
    },
    async reporterProfile(userId) {
      return parseRow(
        profileRow,
        await sql.query('SELECT * FROM reporter_profile WHERE user_id = $1', [userId]),
        'reporter_profile',
      );
    },
    async setServiceDetails(s) {
      await sql.query(
        `INSERT INTO service_details (id, name, address, advice_line, email, gp_copy_commissioned)
         VALUES (1, $1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET name = $1, address = $2, advice_line = $3, email = $4,
           gp_copy_commissioned = $5`,
        [s.name, s.address, s.adviceLine, s.email, s.gpCopyCommissioned],
      );
    },
    async serviceDetails() {
      return parseRow(
        serviceRow,
        await sql.query('SELECT * FROM service_details WHERE id = 1'),
        'service_details',
      );
    },
    async insertReport(r) {
      await sql.query(
        `INSERT INTO report (id, visit_id, patient_id, referral_id, state, created_at, issued_version, row_version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [r.id, r.visitId, r.patientId, r.referralId, r.state, r.createdAt, r.issuedVersion, r.rowVersion],
      );
    },
    async byId(id) {
      return parseRow(reportRow, await sql.query('SELECT * FROM report WHERE id = $1', [id]), 'report');
    },
    async forVisit(visitId) {
      return parseRow(
        reportRow,
        await sql.query('SELECT * FROM report WHERE visit_id = $1', [visitId]),
        'report',
      );
    },
    async update(before, change) {
      return parseRow(
        reportRow,
        await sql.query(
          `UPDATE report SET state = $3, issued_version = $4, row_version = row_version + 1
           WHERE id = $1 AND row_version = $2 RETURNING *`,
          [before.id, before.rowVersion, change.state, change.issuedVersion],
        ),
        'report',
      );
    },
    async saveVersion(v) {
      await sql.query(
        `INSERT INTO report_version (report_id, version, result_id, context, document, created_at, created_by, reason,
           signed_at, signed_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (report_id, version) DO UPDATE SET result_id = $3, context = $4, document = $5, created_at = $6,
           created_by = $7, reason = $8, signed_at = $9, signed_by = $10
         WHERE report_version.signed_at IS NULL`,
        [
          v.reportId,
          v.version,
          v.resultId,
          JSON.stringify(v.context),
          JSON.stringify(v.document),
          v.createdAt,
          v.createdBy,
          v.reason,
          v.signedAt,
          v.signedBy,
        ],
      );
    },
    async versions(reportId) {
      return parseRows(
        versionRow,
        await sql.query('SELECT * FROM report_version WHERE report_id = $1 ORDER BY version', [reportId]),
        'report_version',
      );
    },
    worklist(filter) {
      return reportWorklist(sql, filter);
    },
  };
}
