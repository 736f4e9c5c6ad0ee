import { randomUUID } from 'node:crypto';
import {
  buildReport,
  checkReportWording,
  latestVersion,
  renderReport,
  type AnyReportContext,
  type ReportFormat,
  type ReportState,
} from '@quantrad/reporting';
import type { ReportRow, Role } from '@quantrad/store';
import { recordAudit, recordStandaloneAudit } from '../audit/record-audit.ts';
import { authorise } from '../authorise.ts';
import type { ServiceContext } from '../context.ts';
import { fail, notFound, ok, type Outcome } from '../outcome.ts';
import { isoDate } from '../time.ts';
import { validate } from '../validate.ts';
import { buildDxaReportContext, replayReport, reportDateOf } from './report-context-builder.ts';
import {
  amendReportSchema,
  draftReportSchema,
  reporterProfileSchema,
  reviseReportSchema,
  serviceDetailsSchema,
} from './report-input.ts';

const READERS: readonly Role[] = [
  'reporter',
  'operator',
  'irmer_practitioner',
  'service_manager',
  'administrator',
];

export interface ReportSummary {
  id: string;
  visitId: string;
  patientId: string;
  state: ReportState;
  version: number;
  issuedVersion: number | null;
  text: string;
}

/** What is stored of a context: the CONTEXT.json `quantrad report` reads, so any version can be re-rendered. */
function contextJson(c: AnyReportContext): Record<string, unknown> {
  return JSON.parse(JSON.stringify(c.context)) as Record<string, unknown>;
}

/** The wording rules (ROS 4.6) on the built report: typed-in text that breaks them is refused, by field. */
function wordingProblem(c: AnyReportContext, today: string): Outcome<null> {
  const issues = checkReportWording(c, buildReport(c, reportDateOf(c, today)));
  const first = issues[0];
  if (!first) return ok(null);
  const field = first.path.join('.');
  return fail(
    'invalid',
    `${field === '' ? 'report' : field}: ${first.message}`,
    field === '' ? undefined : field,
  );
}

export async function summary(ctx: ServiceContext, row: ReportRow): Promise<Outcome<ReportSummary>> {
  const replayed = replayReport(await ctx.store.reports.versions(row.id));
  if (!replayed.ok) return replayed;
  const last = latestVersion(replayed.value.record);
  const context = replayed.value.contexts.at(-1);
  if (!context) return fail('conflict', 'the report has no versions');
  const text = await renderReport(context, last.document, 'text', reportDateOf(context, isoDate(ctx.now())));
  return ok({
    id: row.id,
    visitId: row.visitId,
    patientId: row.patientId,
    state: replayed.value.record.state,
    version: last.version,
    issuedVersion: row.issuedVersion,
    text: typeof text === 'string' ? text : text.toString('utf8'),
  });
}

/** An administrator records a reporter's title and professional registration (ROS App. 4C reporter block). */
export async function setReporterProfile(ctx: ServiceContext, input: unknown): Promise<Outcome<null>> {
  const parsed = validate(reporterProfileSchema, input);
  if (!parsed.ok) return parsed;
  const allowed = await authorise(ctx, ['administrator'], '*', {
    entityType: 'reporter_profile',
    entityId: parsed.value.userId,
    patientId: null,
    what: 'recording a reporter’s registration',
  });
  if (!allowed.ok) return allowed;
  if (!(await ctx.store.users.byId(parsed.value.userId)))
    return fail('invalid', 'userId: no such user', 'userId');
  await ctx.store.transaction(async (tx) => {
    await tx.reports.setReporterProfile(parsed.value);
    await recordAudit(tx, ctx, {
      action: 'update',
      entityType: 'reporter_profile',
      entityId: parsed.value.userId,
      patientId: null,
    });
  });
  return ok(null);
}

/** The service's name, address and advice line as reports and letters show them. */
export async function setServiceDetails(ctx: ServiceContext, input: unknown): Promise<Outcome<null>> {
  const parsed = validate(serviceDetailsSchema, input);
  if (!parsed.ok) return parsed;
  const allowed = await authorise(ctx, ['administrator', 'service_manager'], '*', {
    entityType: 'service_details',
    entityId: null,
    patientId: null,
    what: 'changing the service details',
  });
  if (!allowed.ok) return allowed;
  await ctx.store.transaction(async (tx) => {
    await tx.reports.setServiceDetails(parsed.value);
    await recordAudit(tx, ctx, {
      action: 'update',
      entityType: 'service_details',
      entityId: null,
      patientId: null,
    });
  });
  return ok(null);
}

/** A reporter drafts the report of a scanned visit from its latest results (ROS 4.6, Appendix 4C). */
export async function draftDxaReport(ctx: ServiceContext, input: unknown): Promise<Outcome<ReportSummary>> {
  const parsed = validate(draftReportSchema, input);
  if (!parsed.ok) return parsed;
  const d = parsed.value;
  const visit = await ctx.store.scanVisits.byId(d.visitId);
  if (!visit) return notFound('scan visit', d.visitId);
  const allowed = await authorise(ctx, ['reporter'], 'dxa', {
    entityType: 'report',
    entityId: null,
    patientId: visit.patientId,
    what: 'drafting a report',
    action: 'create',
  });
  if (!allowed.ok) return allowed;
  const now = ctx.now();
  const today = isoDate(now);
  const created = await ctx.store.transaction(async (tx): Promise<Outcome<ReportRow>> => {
    if (await tx.reports.forVisit(visit.id))
      return fail('conflict', 'this visit already has a report: revise or amend it');
    const built = await buildDxaReportContext(
      tx,
      visit,
      allowed.value.actor.userId,
      today,
      d.referral,
      d.findings,
    );
    if (!built.ok) return built;
    const wording = wordingProblem(built.value.context, today);
    if (!wording.ok) return wording;
    const row: ReportRow = {
      id: randomUUID(),
      visitId: visit.id,
      patientId: visit.patientId,
      referralId: visit.referralId,
      state: 'draft',
      createdAt: now.toISOString(),
      issuedVersion: null,
      rowVersion: 1,
    };
    await tx.reports.insertReport(row);
    const document = buildReport(built.value.context, today);
    await tx.reports.saveVersion({
      reportId: row.id,
      version: 1,
      resultId: built.value.resultId,
      context: contextJson(built.value.context),
      document: JSON.parse(JSON.stringify(document)) as Record<string, unknown>,
      createdAt: now.toISOString(),
      createdBy: allowed.value.actor.userId,
      reason: null,
      signedAt: null,
      signedBy: null,
    });
    await recordAudit(tx, ctx, {
      action: 'create',
      entityType: 'report',
      entityId: row.id,
      patientId: row.patientId,
    });
    return ok(row);
  });
  if (!created.ok) return created;
  return summary(ctx, created.value);
}

type Change = { kind: 'revise' } | { kind: 'sign' } | { kind: 'amend'; reason: string };

/** Revise (draft), sign, or amend (signed): one path so each is checked and audited the same way. */
async function changeReport(
  ctx: ServiceContext,
  reportId: string,
  change: Change,
  details: Parameters<typeof buildDxaReportContext>[4] | undefined,
  findings: Parameters<typeof buildDxaReportContext>[5] | undefined,
): Promise<Outcome<ReportSummary>> {
  const row = await ctx.store.reports.byId(reportId);
  if (!row) return notFound('report', reportId);
  const allowed = await authorise(ctx, ['reporter'], 'dxa', {
    entityType: 'report',
    entityId: row.id,
    patientId: row.patientId,
    what:
      change.kind === 'sign'
        ? 'signing a report'
        : change.kind === 'amend'
          ? 'amending a report'
          : 'revising a report',
  });
  if (!allowed.ok) return allowed;
  const now = ctx.now();
  const today = isoDate(now);
  const actor = allowed.value.actor;
  const updated = await ctx.store.transaction(async (tx): Promise<Outcome<ReportRow>> => {
    const versions = await tx.reports.versions(row.id);
    const last = versions.at(-1);
    const visit = await tx.scanVisits.byId(row.visitId);
    if (!last || !visit) return notFound('report version', row.id);
    if (change.kind !== 'amend' && row.state !== 'draft')
      return fail('conflict', `the report is ${row.state}: amend it instead`);
    if (change.kind === 'amend' && row.state === 'draft')
      return fail('conflict', 'a draft is revised, not amended');
    const previous = replayReport(versions);
    if (!previous.ok) return previous;
    const lastContext = previous.value.contexts.at(-1);
    if (!lastContext || lastContext.kind !== 'dxa') return fail('conflict', 'not a DXA report');
    let next: AnyReportContext = lastContext;
    let resultId = last.resultId;
    if (change.kind !== 'sign') {
      const built = await buildDxaReportContext(
        tx,
        visit,
        actor.userId,
        today,
        details ?? {
          fractures: lastContext.context.referral.fractures,
          osteoporosisTreatments: lastContext.context.referral.osteoporosisTreatments,
          supplements: lastContext.context.referral.supplements,
          fractureRiskFactors: lastContext.context.referral.fractureRiskFactors,
          fallsRiskFactors: lastContext.context.referral.fallsRiskFactors,
          fractureRiskAdjustments: lastContext.context.referral.fractureRiskAdjustments,
        },
        findings ?? lastContext.context.findings,
      );
      if (!built.ok) return built;
      const wording = wordingProblem(built.value.context, today);
      if (!wording.ok) return wording;
      next = built.value.context;
      resultId = built.value.resultId;
    }
    const document = buildReport(next, reportDateOf(next, today));
    const at = now.toISOString();
    const version = change.kind === 'amend' ? last.version + 1 : last.version;
    const signing = change.kind === 'sign' || change.kind === 'amend';
    await tx.reports.saveVersion({
      reportId: row.id,
      version,
      resultId,
      context: contextJson(next),
      document: JSON.parse(JSON.stringify(document)) as Record<string, unknown>,
      createdAt: change.kind === 'sign' ? last.createdAt : at,
      createdBy: change.kind === 'sign' ? last.createdBy : actor.userId,
      reason: change.kind === 'amend' ? change.reason : null,
      signedAt: signing ? at : null,
      signedBy: signing ? actor.displayName : null,
    });
    // Check the lifecycle accepts the new history before anything is kept.
    const replayed = replayReport(await tx.reports.versions(row.id));
    if (!replayed.ok) throw new Error(replayed.error.message);
    const state: ReportRow['state'] =
      change.kind === 'amend' ? 'amended' : change.kind === 'sign' ? 'signed' : 'draft';
    const saved = await tx.reports.update(row, { state, issuedVersion: row.issuedVersion });
    if (!saved) return fail('conflict', 'someone else changed this report at the same moment: reload it');
    await recordAudit(tx, ctx, {
      action: 'update',
      entityType: 'report',
      entityId: row.id,
      patientId: row.patientId,
      detail: { change: change.kind, version, ...(change.kind === 'amend' ? { reason: change.reason } : {}) },
    });
    return ok(saved);
  });
  if (!updated.ok) return updated;
  return summary(ctx, updated.value);
}

export async function reviseDxaReport(ctx: ServiceContext, input: unknown): Promise<Outcome<ReportSummary>> {
  const parsed = validate(reviseReportSchema, input);
  if (!parsed.ok) return parsed;
  return changeReport(
    ctx,
    parsed.value.reportId,
    { kind: 'revise' },
    parsed.value.referral,
    parsed.value.findings,
  );
}

/** Signed by the entitled reporter: the content is fixed from now on (ROS 4.6). */
export async function signDxaReport(ctx: ServiceContext, reportId: string): Promise<Outcome<ReportSummary>> {
  return changeReport(ctx, reportId, { kind: 'sign' }, undefined, undefined);
}

/** A new signed version with its reason; the versions before it are kept. */
export async function amendDxaReport(ctx: ServiceContext, input: unknown): Promise<Outcome<ReportSummary>> {
  const parsed = validate(amendReportSchema, input);
  if (!parsed.ok) return parsed;
  return changeReport(
    ctx,
    parsed.value.reportId,
    { kind: 'amend', reason: parsed.value.reason },
    parsed.value.referral,
    parsed.value.findings,
  );
}

/** The latest version, or the one asked for, in a format (text, HTML, PDF, FHIR). Audited as a read. */
export async function renderServiceReport(
  ctx: ServiceContext,
  reportId: string,
  format: ReportFormat,
  version?: number,
): Promise<Outcome<string | Buffer>> {
  const row = await ctx.store.reports.byId(reportId);
  if (!row) return notFound('report', reportId);
  // Reports here are DXA reports: an entitlement scoped to DXA covers them.
  const allowed = await authorise(ctx, READERS, 'dxa', {
    entityType: 'report',
    entityId: row.id,
    patientId: row.patientId,
    what: 'reading a report',
    action: 'read',
  });
  if (!allowed.ok) return allowed;
  const replayed = replayReport(await ctx.store.reports.versions(row.id));
  if (!replayed.ok) return replayed;
  const { record, contexts } = replayed.value;
  const wanted = version ?? latestVersion(record).version;
  const index = record.versions.findIndex((v) => v.version === wanted);
  const context = contexts[index];
  const shown = record.versions[index];
  if (!context || !shown) return notFound('report version', `${row.id} version ${String(wanted)}`);
  // FHIR status: a draft is preliminary; the first signed version final; every later one an amendment.
  const rendered = await renderReport(
    context,
    shown.document,
    format,
    reportDateOf(context, isoDate(ctx.now())),
    {
      status: record.state === 'draft' ? 'preliminary' : wanted > 1 ? 'amended' : 'final',
    },
  );
  await recordStandaloneAudit(ctx, {
    action: 'read',
    entityType: 'report',
    entityId: row.id,
    patientId: row.patientId,
    detail: { format, ...(version === undefined ? {} : { version }) },
  });
  return ok(rendered);
}
