import type {
  AuditActionRecord,
  AuditFindingRecord,
  AuditSampleRecord,
  ClinicalAuditRecord,
} from '@quantrad/store';
import { recordStandaloneAudit } from '../audit/record-audit.ts';
import { authorise, type Authorised } from '../authorise.ts';
import type { ServiceContext } from '../context.ts';
import { notFound, ok, type Outcome } from '../outcome.ts';
import { auditProgramme, type AuditType } from '../reference/audit-programme.ts';
import { auditMeasures, type AuditMeasures } from './audit-measures.ts';
import { AUDIT_RUNNERS } from './audit-roles.ts';

export interface AuditView {
  audit: ClinicalAuditRecord;
  type: AuditType;
  sample: AuditSampleRecord | null;
  findings: AuditFindingRecord[];
  actions: AuditActionRecord[];
  /** What the data shows for the sample, where the audit type can be checked from data. */
  measures: AuditMeasures;
}

export function auditTypeOf(id: string): AuditType {
  const type = auditProgramme.auditTypes.find((t) => t.id === id);
  if (!type) throw new Error(`audit type ${id} is not in audit-programme.json`);
  return type;
}

async function mayRead(ctx: ServiceContext, entityId: string | null): Promise<Outcome<Authorised>> {
  return authorise(ctx, AUDIT_RUNNERS, '*', {
    entityType: 'clinical_audit',
    entityId,
    patientId: null,
    what: 'reading the audit programme',
    action: 'read',
  });
}

/** Every audit, newest first. */
export async function listAudits(ctx: ServiceContext): Promise<Outcome<ClinicalAuditRecord[]>> {
  const allowed = await mayRead(ctx, null);
  if (!allowed.ok) return allowed;
  const audits = await ctx.store.auditProgramme.audits();
  await recordStandaloneAudit(ctx, {
    action: 'read',
    entityType: 'clinical_audit',
    entityId: null,
    patientId: null,
  });
  return ok(audits);
}

/** The audit types an audit is opened as (data/audit-programme.json), with their sources. */
export async function listAuditTypes(ctx: ServiceContext): Promise<Outcome<AuditType[]>> {
  const allowed = await mayRead(ctx, null);
  if (!allowed.ok) return allowed;
  return ok(auditProgramme.auditTypes);
}

/** One audit with its sample, findings, actions and what the data shows. */
export async function getAudit(ctx: ServiceContext, auditId: string): Promise<Outcome<AuditView>> {
  const audit = await ctx.store.auditProgramme.auditById(auditId);
  if (!audit) return notFound('audit', auditId);
  const allowed = await mayRead(ctx, audit.id);
  if (!allowed.ok) return allowed;
  const sample = audit.sampleId === null ? null : await ctx.store.auditProgramme.sampleById(audit.sampleId);
  const view: AuditView = {
    audit,
    type: auditTypeOf(audit.auditType),
    sample,
    findings: await ctx.store.auditProgramme.findings(audit.id),
    actions: await ctx.store.auditProgramme.actions(audit.id),
    measures: await auditMeasures(ctx.store, audit, sample, ctx.now()),
  };
  await recordStandaloneAudit(ctx, {
    action: 'read',
    entityType: 'clinical_audit',
    entityId: audit.id,
    patientId: null,
  });
  return ok(view);
}
