import {
  freeTextWordingContext,
  type DxaReportContext,
  type ReportState,
  type TerminologyContext,
} from '@quantrad/reporting';
import type { Role } from '@quantrad/store';
import { recordStandaloneAudit } from '../audit/record-audit.ts';
import { authorise } from '../authorise.ts';
import type { ServiceContext } from '../context.ts';
import { fail, notFound, ok, type Outcome } from '../outcome.ts';
import { isoDate } from '../time.ts';
import { replayReport, reportDateOf } from './report-context-builder.ts';

const READERS: readonly Role[] = [
  'reporter',
  'operator',
  'irmer_practitioner',
  'service_manager',
  'administrator',
];

/** One version of a report: who wrote it and when, why it replaced the one before, who signed it. */
export interface ReportVersionEntry {
  version: number;
  createdAt: string;
  createdBy: string;
  reason: string | null;
  signedAt: string | null;
  signedBy: string | null;
}

/** A report with every version kept (ROS 4.6), and what the editor needs to check wording as it is typed. */
export interface ReportVersions {
  id: string;
  visitId: string;
  patientId: string;
  patientName: string;
  state: ReportState;
  issuedVersion: number | null;
  /** The context the wording rules check the reporter's typed-in text against, as the server does. */
  wording: Omit<TerminologyContext, 'scope'>;
  /** The reporter's findings in the latest version (comment, VFA, blood tests), to edit and send back whole. */
  findings: DxaReportContext['findings'];
  versions: ReportVersionEntry[];
  /** The latest version's stored context (CONTEXT.json), so the editor can render what is typed, live. */
  context: Record<string, unknown>;
  /** The date the report is written on, as the server renders it. */
  reportDate: string;
}

/** A report's versions, oldest first, with their authors by name. Audited as a read. */
export async function reportVersions(
  ctx: ServiceContext,
  reportId: string,
): Promise<Outcome<ReportVersions>> {
  const row = await ctx.store.reports.byId(reportId);
  if (!row) return notFound('report', reportId);
  const allowed = await authorise(ctx, READERS, 'dxa', {
    entityType: 'report',
    entityId: row.id,
    patientId: row.patientId,
    what: 'reading a report',
    action: 'read',
  });
  if (!allowed.ok) return allowed;
  const stored = await ctx.store.reports.versions(row.id);
  const replayed = replayReport(stored);
  if (!replayed.ok) return replayed;
  const context = replayed.value.contexts.at(-1);
  if (context?.kind !== 'dxa') return fail('conflict', 'not a DXA report');
  const authors = new Map<string, string>();
  for (const id of new Set(stored.map((v) => v.createdBy))) {
    authors.set(id, (await ctx.store.users.byId(id))?.displayName ?? id);
  }
  const patient = await ctx.store.patients.byId(row.patientId);
  const { scope: _, ...wording } = freeTextWordingContext(context);
  await recordStandaloneAudit(ctx, {
    action: 'read',
    entityType: 'report',
    entityId: row.id,
    patientId: row.patientId,
    detail: { versions: stored.length },
  });
  return ok({
    id: row.id,
    visitId: row.visitId,
    patientId: row.patientId,
    patientName: patient ? `${patient.familyName.toUpperCase()}, ${patient.givenNames}` : row.patientId,
    state: replayed.value.record.state,
    issuedVersion: row.issuedVersion,
    wording,
    findings: context.context.findings,
    context: stored.at(-1)?.context ?? {},
    reportDate: reportDateOf(context, isoDate(ctx.now())),
    versions: stored.map((v) => ({
      version: v.version,
      createdAt: v.createdAt,
      createdBy: authors.get(v.createdBy) ?? v.createdBy,
      reason: v.reason,
      signedAt: v.signedAt,
      signedBy: v.signedBy,
    })),
  });
}
