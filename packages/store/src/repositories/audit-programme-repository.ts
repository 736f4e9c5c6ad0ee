import { z } from 'zod';
import type { SqlExecutor } from '../sql-executor.ts';
import {
  AUDIT_SAMPLE_KINDS,
  FINDING_SEVERITIES,
  type AuditActionRecord,
  type AuditFindingRecord,
  type AuditSampleKind,
  type AuditSampleRecord,
  type ClinicalAuditRecord,
  type SampledReferralFacts,
  type SampledScanFacts,
  type SampledVisitChecks,
} from '../types/audit-programme-records.ts';
import { referralFacts } from './audit-referral-facts.ts';
import { visitChecks } from './audit-visit-facts.ts';
import { nullableText, parseRow, parseRows } from './row.ts';

const sampleRow = z
  .object({
    id: z.string(),
    month: z.string(),
    kind: z.enum(AUDIT_SAMPLE_KINDS),
    seed: z.number(),
    sample_percent: z.number(),
    population_size: z.number(),
    item_ids: z.array(z.string()),
    drawn_at: z.string(),
    drawn_by: z.string(),
  })
  .transform((r): AuditSampleRecord => ({
    id: r.id,
    month: r.month,
    kind: r.kind,
    seed: r.seed,
    samplePercent: r.sample_percent,
    populationSize: r.population_size,
    itemIds: r.item_ids,
    drawnAt: r.drawn_at,
    drawnBy: r.drawn_by,
  }));

const auditRow = z
  .object({
    id: z.string(),
    audit_type: z.string(),
    title: z.string(),
    scope: z.string(),
    period_from: z.string(),
    period_to: z.string(),
    sample_id: nullableText,
    created_at: z.string(),
    created_by: z.string(),
    closed_at: nullableText,
    closed_by: nullableText,
    conclusion: nullableText,
  })
  .transform((r): ClinicalAuditRecord => ({
    id: r.id,
    auditType: r.audit_type,
    title: r.title,
    scope: r.scope,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    sampleId: r.sample_id,
    createdAt: r.created_at,
    createdBy: r.created_by,
    closedAt: r.closed_at,
    closedBy: r.closed_by,
    conclusion: r.conclusion,
  }));

const findingRow = z
  .object({
    id: z.string(),
    audit_id: z.string(),
    severity: z.enum(FINDING_SEVERITIES),
    description: z.string(),
    recorded_at: z.string(),
    recorded_by: z.string(),
  })
  .transform((r): AuditFindingRecord => ({
    id: r.id,
    auditId: r.audit_id,
    severity: r.severity,
    description: r.description,
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by,
  }));

const actionRow = z
  .object({
    id: z.string(),
    audit_id: z.string(),
    finding_id: nullableText,
    description: z.string(),
    owner: z.string(),
    due_on: z.string(),
    created_at: z.string(),
    created_by: z.string(),
    closed_at: nullableText,
    closed_by: nullableText,
    what_was_done: nullableText,
  })
  .transform((r): AuditActionRecord => ({
    id: r.id,
    auditId: r.audit_id,
    findingId: r.finding_id,
    description: r.description,
    owner: r.owner,
    dueOn: r.due_on,
    createdAt: r.created_at,
    createdBy: r.created_by,
    closedAt: r.closed_at,
    closedBy: r.closed_by,
    whatWasDone: r.what_was_done,
  }));

const idRow = z.object({ id: z.string() });

const scanFactsRow = z
  .object({
    visit_id: z.string(),
    received_at: z.string(),
    recorded_at: z.string(),
    report_id: nullableText,
    issued_version: z.number().nullable(),
    first_issued_at: nullableText,
  })
  .transform((r): SampledScanFacts => ({
    visitId: r.visit_id,
    referralReceivedAt: r.received_at,
    scannedAt: r.recorded_at,
    reportId: r.report_id,
    issuedVersion: r.issued_version,
    firstIssuedAt: r.first_issued_at,
  }));

/** The audit programme (ROS 9.2): monthly samples, audits, their findings and actions. */
export interface AuditProgrammeRepository {
  /** Ids of the referrals received, or the patients scanned, from `from` up to (not including) `to`. */
  idsBetween(kind: AuditSampleKind, from: string, to: string): Promise<string[]>;
  /** Stores a month's sample; false when that month and kind already has one. */
  insertSample(s: AuditSampleRecord): Promise<boolean>;
  sampleFor(month: string, kind: AuditSampleKind): Promise<AuditSampleRecord | null>;
  sampleById(id: string): Promise<AuditSampleRecord | null>;
  insertAudit(a: ClinicalAuditRecord): Promise<void>;
  auditById(id: string): Promise<ClinicalAuditRecord | null>;
  /** Every audit, newest first. */
  audits(): Promise<ClinicalAuditRecord[]>;
  /** Closes an audit; false when it is closed already or has an open action (checked in the same step). */
  closeAudit(id: string, closedAt: string, closedBy: string, conclusion: string): Promise<boolean>;
  insertFinding(f: AuditFindingRecord): Promise<void>;
  findings(auditId: string): Promise<AuditFindingRecord[]>;
  /** Adds an action to an open audit; false when the audit is closed (checked under the audit's row lock). */
  insertAction(a: AuditActionRecord): Promise<boolean>;
  actionById(id: string): Promise<AuditActionRecord | null>;
  actions(auditId: string): Promise<AuditActionRecord[]>;
  /** Closes an action; false when it was closed already. */
  closeAction(id: string, closedAt: string, closedBy: string, whatWasDone: string): Promise<boolean>;
  /** The waits and issued report of each sampled scan visit. */
  scanFacts(visitIds: readonly string[]): Promise<SampledScanFacts[]>;
  /** What the referrals audits check for the sampled referrals. */
  referralFacts(referralIds: readonly string[]): Promise<SampledReferralFacts[]>;
  /** The identification and pregnancy enquiry recorded at the sampled scans. */
  visitChecks(visitIds: readonly string[]): Promise<SampledVisitChecks[]>;
}

export function auditProgrammeRepository(sql: SqlExecutor): AuditProgrammeRepository {
  return {
    async idsBetween(kind, from, to) {
      const query =
        kind === 'referrals'
          ? 'SELECT id FROM referral WHERE received_at >= $1 AND received_at < $2'
          : `SELECT id FROM scan_visit WHERE outcome = 'scanned' AND recorded_at >= $1 AND recorded_at < $2`;
      return parseRows(idRow, await sql.query(query, [from, to]), kind).map((r) => r.id);
    },
    async insertSample(s) {
      const rows = await sql.query(
        `INSERT INTO audit_sample (id, month, kind, seed, sample_percent, population_size, item_ids, drawn_at,
           drawn_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (month, kind) DO NOTHING RETURNING id`,
        [
          s.id,
          s.month,
          s.kind,
          s.seed,
          s.samplePercent,
          s.populationSize,
          JSON.stringify(s.itemIds),
          s.drawnAt,
          s.drawnBy,
        ],
      );
      return rows.length === 1;
    },
    async sampleFor(month, kind) {
      return parseRow(
        sampleRow,
        await sql.query('SELECT * FROM audit_sample WHERE month = $1 AND kind = $2', [month, kind]),
        'audit_sample',
      );
    },
    async sampleById(id) {
      return parseRow(
        sampleRow,
        await sql.query('SELECT * FROM audit_sample WHERE id = $1', [id]),
        'audit_sample',
      );
    },
    async insertAudit(a) {
      await sql.query(
        `INSERT INTO clinical_audit (id, audit_type, title, scope, period_from, period_to, sample_id, created_at,
           created_by, closed_at, closed_by, conclusion) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          a.id,
          a.auditType,
          a.title,
          a.scope,
          a.periodFrom,
          a.periodTo,
          a.sampleId,
          a.createdAt,
          a.createdBy,
          a.closedAt,
          a.closedBy,
          a.conclusion,
        ],
      );
    },
    async auditById(id) {
      return parseRow(
        auditRow,
        await sql.query('SELECT * FROM clinical_audit WHERE id = $1', [id]),
        'clinical_audit',
      );
    },
    async audits() {
      return parseRows(
        auditRow,
        await sql.query('SELECT * FROM clinical_audit ORDER BY created_at DESC, id DESC'),
        'clinical_audit',
      );
    },
    async closeAudit(id, closedAt, closedBy, conclusion) {
      const rows = await sql.query(
        `UPDATE clinical_audit SET closed_at = $2, closed_by = $3, conclusion = $4
         WHERE id = $1 AND closed_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM audit_action WHERE audit_id = $1 AND closed_at IS NULL)
         RETURNING id`,
        [id, closedAt, closedBy, conclusion],
      );
      return rows.length === 1;
    },
    async insertFinding(f) {
      await sql.query(
        `INSERT INTO audit_finding (id, audit_id, severity, description, recorded_at, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [f.id, f.auditId, f.severity, f.description, f.recordedAt, f.recordedBy],
      );
    },
    async findings(auditId) {
      return parseRows(
        findingRow,
        await sql.query('SELECT * FROM audit_finding WHERE audit_id = $1 ORDER BY recorded_at, id', [
          auditId,
        ]),
        'audit_finding',
      );
    },
    async insertAction(a) {
      const rows = await sql.query(
        `INSERT INTO audit_action (id, audit_id, finding_id, description, owner, due_on, created_at, created_by,
           closed_at, closed_by, what_was_done)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 FROM (
           SELECT id FROM clinical_audit WHERE id = $2 AND closed_at IS NULL FOR UPDATE
         ) AS still_open
         RETURNING id`,
        [
          a.id,
          a.auditId,
          a.findingId,
          a.description,
          a.owner,
          a.dueOn,
          a.createdAt,
          a.createdBy,
          a.closedAt,
          a.closedBy,
          a.whatWasDone,
        ],
      );
      return rows.length === 1;
    },
    async actionById(id) {
      return parseRow(
        actionRow,
        await sql.query('SELECT * FROM audit_action WHERE id = $1', [id]),
        'audit_action',
      );
    },
    async actions(auditId) {
      return parseRows(
        actionRow,
        await sql.query('SELECT * FROM audit_action WHERE audit_id = $1 ORDER BY created_at, id', [auditId]),
        'audit_action',
      );
    },
    async closeAction(id, closedAt, closedBy, whatWasDone) {
      const rows = await sql.query(
        `UPDATE audit_action SET closed_at = $2, closed_by = $3, what_was_done = $4
         WHERE id = $1 AND closed_at IS NULL RETURNING id`,
        [id, closedAt, closedBy, whatWasDone],
      );
      return rows.length === 1;
    },
    async scanFacts(visitIds) {
      return parseRows(
        scanFactsRow,
        await sql.query(
          `SELECT sv.id AS visit_id, r.received_at, sv.recorded_at, rep.id AS report_id, rep.issued_version,
             (SELECT min(c.created_at) FROM correspondence c
               WHERE c.referral_id = sv.referral_id AND c.kind = 'report') AS first_issued_at
           FROM scan_visit sv
           JOIN referral r ON r.id = sv.referral_id
           LEFT JOIN report rep ON rep.visit_id = sv.id
           WHERE sv.id::text IN (SELECT jsonb_array_elements_text($1::jsonb))
           ORDER BY sv.recorded_at, sv.id`,
          [JSON.stringify(visitIds)],
        ),
        'scan_visit',
      );
    },
    referralFacts: (ids) => referralFacts(sql, ids),
    visitChecks: (ids) => visitChecks(sql, ids),
  };
}
