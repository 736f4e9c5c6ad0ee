import { randomUUID } from 'node:crypto';
import type { AuditAction, IncidentRecord, Role } from '@quantrad/store';
import { recordAudit, recordStandaloneAudit } from '../audit/record-audit.ts';
import { authorise, type Authorised } from '../authorise.ts';
import type { ServiceContext } from '../context.ts';
import { fail, notFound, ok, type Outcome } from '../outcome.ts';
import { validate } from '../validate.ts';
import { incidentAnalysisSchema, newIncidentSchema } from './audit-input.ts';
import { CLOSERS, INCIDENT_INVESTIGATORS, INCIDENT_READERS, INCIDENT_REPORTERS } from './audit-roles.ts';

// Incidents and near misses (ROS 5: safety data "with evidence of root cause analysis and outcomes";
// ROS 4.9 item 8): anyone on the staff reports one; the service manager or the medical physics expert
// records the root cause analysis, contributory factors, outcome and actions; the service manager closes it.

/** Reports an incident or near miss, with whether the reporter judges it IR(ME)R notifiable. */
export async function reportIncident(ctx: ServiceContext, input: unknown): Promise<Outcome<IncidentRecord>> {
  const parsed = validate(newIncidentSchema, input);
  if (!parsed.ok) return parsed;
  const allowed = await authorise(ctx, INCIDENT_REPORTERS, '*', {
    entityType: 'incident',
    entityId: null,
    patientId: parsed.value.patientId ?? null,
    what: 'reporting an incident',
    action: 'create',
  });
  if (!allowed.ok) return allowed;
  const occurredAt = new Date(parsed.value.occurredAt).toISOString();
  if (occurredAt > ctx.now().toISOString())
    return fail('invalid', 'occurredAt: must not be in the future', 'occurredAt');
  const patientId = parsed.value.patientId ?? null;
  if (patientId !== null && !(await ctx.store.patients.byId(patientId)))
    return fail('invalid', 'patientId: no such patient', 'patientId');
  const incident: IncidentRecord = {
    id: randomUUID(),
    kind: parsed.value.kind,
    occurredAt,
    description: parsed.value.description,
    patientId,
    regulatorNotifiable: parsed.value.regulatorNotifiable,
    reportedAt: ctx.now().toISOString(),
    reportedBy: allowed.value.actor.userId,
    causeCategories: null,
    rootCause: null,
    contributoryFactors: null,
    outcome: null,
    actions: null,
    analysedAt: null,
    analysedBy: null,
    closedAt: null,
    closedBy: null,
  };
  await ctx.store.transaction(async (tx) => {
    await tx.incidents.insert(incident);
    await recordAudit(tx, ctx, {
      action: 'create',
      entityType: 'incident',
      entityId: incident.id,
      patientId,
      detail: { kind: incident.kind, regulatorNotifiable: incident.regulatorNotifiable },
    });
  });
  return ok(incident);
}

/** The incident, once the actor may act on it; `open` also refuses one already closed. */
async function incidentFor(
  ctx: ServiceContext,
  incidentId: string,
  roles: readonly Role[],
  what: string,
  options: { action?: AuditAction; open?: boolean } = {},
): Promise<Outcome<{ incident: IncidentRecord; allowed: Authorised }>> {
  const incident = await ctx.store.incidents.byId(incidentId);
  if (!incident) return notFound('incident', incidentId);
  const allowed = await authorise(ctx, roles, '*', {
    entityType: 'incident',
    entityId: incident.id,
    patientId: incident.patientId,
    what,
    ...(options.action !== undefined ? { action: options.action } : {}),
  });
  if (!allowed.ok) return allowed;
  if (options.open === true && incident.closedAt !== null)
    return fail('conflict', `the incident was closed at ${incident.closedAt}`);
  return ok({ incident, allowed: allowed.value });
}

/** Records (or revises) the root cause analysis, outcome and actions of an open incident. */
export async function analyseIncident(
  ctx: ServiceContext,
  incidentId: string,
  input: unknown,
): Promise<Outcome<IncidentRecord>> {
  const parsed = validate(incidentAnalysisSchema, input);
  if (!parsed.ok) return parsed;
  const found = await incidentFor(
    ctx,
    incidentId,
    INCIDENT_INVESTIGATORS,
    'recording the root cause analysis of an incident',
    { open: true },
  );
  if (!found.ok) return found;
  const { incident, allowed } = found.value;
  const analysed: IncidentRecord = {
    ...incident,
    ...parsed.value,
    causeCategories: [...new Set(parsed.value.causeCategories)],
    analysedAt: ctx.now().toISOString(),
    analysedBy: allowed.actor.userId,
  };
  return ctx.store.transaction(async (tx): Promise<Outcome<IncidentRecord>> => {
    if (!(await tx.incidents.analyse(incident.id, analysed)))
      return fail('conflict', 'the incident was closed at the same moment: reload it');
    await recordAudit(tx, ctx, {
      action: 'update',
      entityType: 'incident',
      entityId: incident.id,
      patientId: incident.patientId,
      detail: { step: 'root cause analysis', causeCategories: analysed.causeCategories },
    });
    return ok(analysed);
  });
}

/** The service manager closes an incident once its root cause analysis and outcome are recorded. */
export async function closeIncident(
  ctx: ServiceContext,
  incidentId: string,
): Promise<Outcome<IncidentRecord>> {
  const found = await incidentFor(ctx, incidentId, CLOSERS, 'closing an incident', { open: true });
  if (!found.ok) return found;
  const { incident, allowed } = found.value;
  if (incident.analysedAt === null)
    return fail('conflict', 'record the root cause analysis and outcome before the incident is closed');
  const closedAt = ctx.now().toISOString();
  const closedBy = allowed.actor.userId;
  const closed: IncidentRecord = { ...incident, closedAt, closedBy };
  return ctx.store.transaction(async (tx): Promise<Outcome<IncidentRecord>> => {
    if (!(await tx.incidents.close(incident.id, closedAt, closedBy)))
      return fail('conflict', 'the incident changed at the same moment: reload it');
    await recordAudit(tx, ctx, {
      action: 'update',
      entityType: 'incident',
      entityId: incident.id,
      patientId: incident.patientId,
      detail: { step: 'closed' },
    });
    return ok(closed);
  });
}

export async function listIncidents(ctx: ServiceContext): Promise<Outcome<IncidentRecord[]>> {
  const allowed = await authorise(ctx, INCIDENT_READERS, '*', {
    entityType: 'incident',
    entityId: null,
    patientId: null,
    what: 'reading the incident log',
    action: 'read',
  });
  if (!allowed.ok) return allowed;
  const incidents = await ctx.store.incidents.list();
  await recordStandaloneAudit(ctx, {
    action: 'read',
    entityType: 'incident',
    entityId: null,
    patientId: null,
  });
  return ok(incidents);
}

export async function getIncident(ctx: ServiceContext, incidentId: string): Promise<Outcome<IncidentRecord>> {
  const found = await incidentFor(ctx, incidentId, INCIDENT_READERS, 'reading an incident', {
    action: 'read',
  });
  if (!found.ok) return found;
  const { incident } = found.value;
  await recordStandaloneAudit(ctx, {
    action: 'read',
    entityType: 'incident',
    entityId: incident.id,
    patientId: incident.patientId,
  });
  return ok(incident);
}
