import { randomUUID } from 'node:crypto';
import type { AuditActionRecord, AuditFindingRecord, ClinicalAuditRecord, Role } from '@quantrad/store';
import { recordAudit } from '../audit/record-audit.ts';
import { authorise, type Authorised } from '../authorise.ts';
import type { ServiceContext } from '../context.ts';
import { fail, notFound, ok, type Outcome } from '../outcome.ts';
import { validate } from '../validate.ts';
import { auditTypeOf } from './audit-reads.ts';
import {
  auditActionSchema,
  closeActionSchema,
  closeAuditSchema,
  findingSchema,
  newAuditSchema,
} from './audit-input.ts';
import { AUDIT_RUNNERS, CLOSERS } from './audit-roles.ts';

// Audits of the programme (ROS 9.2): each of an IR(ME)R-mandated or clinical quality type, over a
// period and optionally a monthly sample, with findings, actions with owners and due dates, and the
// closure of each action and of the audit ("an action plan", ROS 9.2; IR(ME)R: acting on the results).

export async function createAudit(
  ctx: ServiceContext,
  input: unknown,
): Promise<Outcome<ClinicalAuditRecord>> {
  const parsed = validate(newAuditSchema, input);
  if (!parsed.ok) return parsed;
  const allowed = await authorise(ctx, AUDIT_RUNNERS, '*', {
    entityType: 'clinical_audit',
    entityId: null,
    patientId: null,
    what: 'opening an audit',
    action: 'create',
  });
  if (!allowed.ok) return allowed;
  const type = auditTypeOf(parsed.value.auditType);
  const sampleId = parsed.value.sampleId ?? null;
  if (sampleId !== null) {
    const sample = await ctx.store.auditProgramme.sampleById(sampleId);
    if (!sample) return fail('invalid', 'sampleId: no such audit sample', 'sampleId');
    if (type.sampleKind !== null && sample.kind !== type.sampleKind)
      return fail(
        'invalid',
        `sampleId: a ${type.title} audit needs a sample of ${type.sampleKind}`,
        'sampleId',
      );
  }
  const audit: ClinicalAuditRecord = {
    id: randomUUID(),
    auditType: type.id,
    title: parsed.value.title ?? type.title,
    scope: parsed.value.scope,
    periodFrom: parsed.value.periodFrom,
    periodTo: parsed.value.periodTo,
    sampleId,
    createdAt: ctx.now().toISOString(),
    createdBy: allowed.value.actor.userId,
    closedAt: null,
    closedBy: null,
    conclusion: null,
  };
  await ctx.store.transaction(async (tx) => {
    await tx.auditProgramme.insertAudit(audit);
    await recordAudit(tx, ctx, {
      action: 'create',
      entityType: 'clinical_audit',
      entityId: audit.id,
      patientId: null,
      detail: { auditType: audit.auditType, sampleId },
    });
  });
  return ok(audit);
}

/** Loads an audit, checks who may act on it, and refuses a closed one. */
async function openAudit(
  ctx: ServiceContext,
  auditId: string,
  roles: readonly Role[],
  what: string,
): Promise<Outcome<{ audit: ClinicalAuditRecord; allowed: Authorised }>> {
  const audit = await ctx.store.auditProgramme.auditById(auditId);
  if (!audit) return notFound('audit', auditId);
  const allowed = await authorise(ctx, roles, '*', {
    entityType: 'clinical_audit',
    entityId: audit.id,
    patientId: null,
    what,
    action: 'update',
  });
  if (!allowed.ok) return allowed;
  if (audit.closedAt !== null) return fail('conflict', `the audit was closed at ${audit.closedAt}`);
  return ok({ audit, allowed: allowed.value });
}

export async function addFinding(
  ctx: ServiceContext,
  auditId: string,
  input: unknown,
): Promise<Outcome<AuditFindingRecord>> {
  const parsed = validate(findingSchema, input);
  if (!parsed.ok) return parsed;
  const open = await openAudit(ctx, auditId, AUDIT_RUNNERS, 'recording an audit finding');
  if (!open.ok) return open;
  const finding: AuditFindingRecord = {
    id: randomUUID(),
    auditId: open.value.audit.id,
    severity: parsed.value.severity,
    description: parsed.value.description,
    recordedAt: ctx.now().toISOString(),
    recordedBy: open.value.allowed.actor.userId,
  };
  await ctx.store.transaction(async (tx) => {
    await tx.auditProgramme.insertFinding(finding);
    await recordAudit(tx, ctx, {
      action: 'create',
      entityType: 'audit_finding',
      entityId: finding.id,
      patientId: null,
      detail: { auditId: finding.auditId, severity: finding.severity },
    });
  });
  return ok(finding);
}

export async function addAuditAction(
  ctx: ServiceContext,
  auditId: string,
  input: unknown,
): Promise<Outcome<AuditActionRecord>> {
  const parsed = validate(auditActionSchema, input);
  if (!parsed.ok) return parsed;
  const open = await openAudit(ctx, auditId, AUDIT_RUNNERS, 'adding an audit action');
  if (!open.ok) return open;
  const findingId = parsed.value.findingId ?? null;
  if (findingId !== null) {
    const findings = await ctx.store.auditProgramme.findings(open.value.audit.id);
    if (!findings.some((f) => f.id === findingId))
      return fail('invalid', 'findingId: no such finding in this audit', 'findingId');
  }
  const action: AuditActionRecord = {
    id: randomUUID(),
    auditId: open.value.audit.id,
    findingId,
    description: parsed.value.description,
    owner: parsed.value.owner,
    dueOn: parsed.value.dueOn,
    createdAt: ctx.now().toISOString(),
    createdBy: open.value.allowed.actor.userId,
    closedAt: null,
    closedBy: null,
    whatWasDone: null,
  };
  return ctx.store.transaction(async (tx): Promise<Outcome<AuditActionRecord>> => {
    if (!(await tx.auditProgramme.insertAction(action)))
      return fail('conflict', 'the audit was closed meanwhile: no action can be added to it');
    await recordAudit(tx, ctx, {
      action: 'create',
      entityType: 'audit_action',
      entityId: action.id,
      patientId: null,
      detail: { auditId: action.auditId, owner: action.owner, dueOn: action.dueOn },
    });
    return ok(action);
  });
}

/** Closes an action with what was done; the who and when are recorded. */
export async function closeAuditAction(
  ctx: ServiceContext,
  auditId: string,
  actionId: string,
  input: unknown,
): Promise<Outcome<AuditActionRecord>> {
  const parsed = validate(closeActionSchema, input);
  if (!parsed.ok) return parsed;
  const action = await ctx.store.auditProgramme.actionById(actionId);
  if (!action || action.auditId !== auditId) return notFound('audit action', actionId);
  const open = await openAudit(ctx, auditId, AUDIT_RUNNERS, 'closing an audit action');
  if (!open.ok) return open;
  if (action.closedAt !== null) return fail('conflict', `the action was closed at ${action.closedAt}`);
  const closedAt = ctx.now().toISOString();
  const closedBy = open.value.allowed.actor.userId;
  const { whatWasDone } = parsed.value;
  const closed: AuditActionRecord = { ...action, closedAt, closedBy, whatWasDone };
  return ctx.store.transaction(async (tx): Promise<Outcome<AuditActionRecord>> => {
    if (!(await tx.auditProgramme.closeAction(action.id, closedAt, closedBy, whatWasDone)))
      return fail('conflict', 'someone else closed this action at the same moment: reload it');
    await recordAudit(tx, ctx, {
      action: 'update',
      entityType: 'audit_action',
      entityId: action.id,
      patientId: null,
      detail: { auditId, step: 'closed' },
    });
    return ok(closed);
  });
}

/** The service manager closes an audit with its conclusion; refused while any action is open. */
export async function closeAudit(
  ctx: ServiceContext,
  auditId: string,
  input: unknown,
): Promise<Outcome<ClinicalAuditRecord>> {
  const parsed = validate(closeAuditSchema, input);
  if (!parsed.ok) return parsed;
  const open = await openAudit(ctx, auditId, CLOSERS, 'closing an audit');
  if (!open.ok) return open;
  const openActions = (await ctx.store.auditProgramme.actions(auditId)).filter((a) => a.closedAt === null);
  if (openActions.length > 0)
    return fail(
      'conflict',
      `${String(openActions.length)} action(s) are still open: close each with what was done before the audit`,
    );
  const closedAt = ctx.now().toISOString();
  const closedBy = open.value.allowed.actor.userId;
  const { conclusion } = parsed.value;
  const closed: ClinicalAuditRecord = { ...open.value.audit, closedAt, closedBy, conclusion };
  return ctx.store.transaction(async (tx): Promise<Outcome<ClinicalAuditRecord>> => {
    // Checked again in the same statement: an action added meanwhile keeps the audit open.
    if (!(await tx.auditProgramme.closeAudit(auditId, closedAt, closedBy, conclusion)))
      return fail('conflict', 'an action was added or the audit closed at the same moment: reload it');
    await recordAudit(tx, ctx, {
      action: 'update',
      entityType: 'clinical_audit',
      entityId: auditId,
      patientId: null,
      detail: { step: 'closed' },
    });
    return ok(closed);
  });
}
