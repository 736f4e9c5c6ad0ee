import { randomUUID } from 'node:crypto';
import type {
  PatientRecord,
  ReferralRecord,
  ReferrerRecord,
  ReportRow,
  ServiceDetailsRecord,
} from '@quantrad/store';
import { recordAudit } from '../audit/record-audit.ts';
import { authorise } from '../authorise.ts';
import type { ServiceContext } from '../context.ts';
import { fail, notFound, ok, type Outcome } from '../outcome.ts';
import { summary, type ReportSummary } from './report-use-cases.ts';

/** One copy of an issued report: who it went to, or why it could not go. */
export interface ReportCopy {
  to: 'referrer' | 'gp';
  /** Name and address as recorded in the correspondence; null when the copy was not sent. */
  recipient: string | null;
  sent: boolean;
  reason: string;
}

export interface IssuedReport extends ReportSummary {
  copies: ReportCopy[];
}

/**
 * Who receives a report (ROS 4.6): always the referrer; the patient's GP as well where the referrer asked
 * for a copy or the service is commissioned to send one, unless the referrer is a GP (then the GP has it).
 * A copy that is due but cannot go (no GP recorded) is reported back, so it is not silently lost.
 */
export function reportCopies(
  referral: ReferralRecord,
  referrer: ReferrerRecord,
  patient: PatientRecord,
  service: ServiceDetailsRecord | null,
): ReportCopy[] {
  const copies: ReportCopy[] = [
    {
      to: 'referrer',
      recipient: `${referrer.name}, ${referrer.organisation}`,
      sent: true,
      reason: 'the referrer',
    },
  ];
  const why = referral.copyReportToGp
    ? 'the referrer asked for a copy to the GP'
    : service?.gpCopyCommissioned
      ? 'the service is commissioned to copy reports to the GP'
      : null;
  if (why === null) return copies;
  if (referrer.role === 'gp') {
    copies.push({ to: 'gp', recipient: null, sent: false, reason: `${why}; the referrer is the GP` });
  } else if (patient.registeredGp === null) {
    copies.push({
      to: 'gp',
      recipient: null,
      sent: false,
      reason: `${why}, but no registered GP is recorded for the patient: add it and issue the report again`,
    });
  } else {
    copies.push({ to: 'gp', recipient: patient.registeredGp, sent: true, reason: why });
  }
  return copies;
}

/** Sends the latest signed version to the referrer, and the GP where due (recorded as correspondence). */
export async function issueReport(ctx: ServiceContext, reportId: string): Promise<Outcome<IssuedReport>> {
  const row = await ctx.store.reports.byId(reportId);
  if (!row) return notFound('report', reportId);
  const allowed = await authorise(ctx, ['reporter', 'administrator', 'service_manager'], 'dxa', {
    entityType: 'report',
    entityId: row.id,
    patientId: row.patientId,
    what: 'issuing a report',
    action: 'export',
  });
  if (!allowed.ok) return allowed;
  if (row.state === 'draft') return fail('conflict', 'sign the report before it is issued');
  const current = await summary(ctx, row);
  if (!current.ok) return current;
  const actorId = allowed.value.actor.userId;
  const now = ctx.now().toISOString();
  const issued = await ctx.store.transaction(
    async (tx): Promise<Outcome<{ saved: ReportRow; copies: ReportCopy[] }>> => {
      const referral = await tx.referrals.byId(row.referralId);
      const referrer = referral ? await tx.patients.referrer(referral.referrerId) : null;
      const patient = await tx.patients.byId(row.patientId);
      if (!referral || !referrer || !patient) return notFound('referrer of report', row.id);
      const copies = reportCopies(referral, referrer, patient, await tx.reports.serviceDetails());
      // Issuing a version again sends only a GP copy that could not go before (no GP was recorded then):
      // a copy is matched by the version it carried and its recipient, never by its wording.
      const version = current.value.version;
      const sentBefore = (await tx.appointments.correspondence({ referralId: row.referralId })).filter(
        (c) => c.kind === 'report' && c.reportVersion === version,
      );
      const outstanding = copies.filter(
        (c) => c.sent && !sentBefore.some((before) => before.recipient === c.recipient),
      );
      if (outstanding.length === 0) return fail('conflict', `version ${String(version)} is already issued`);
      const saved = await tx.reports.update(row, { state: row.state, issuedVersion: current.value.version });
      if (!saved) return fail('conflict', 'someone else changed this report at the same moment: reload it');
      for (const copy of outstanding) {
        if (copy.recipient === null) continue;
        await tx.appointments.insertCorrespondence({
          id: randomUUID(),
          patientId: row.patientId,
          referralId: row.referralId,
          appointmentId: null,
          kind: 'report',
          recipient: copy.recipient,
          createdAt: now,
          createdBy: actorId,
          body: current.value.text,
          reportVersion: version,
        });
      }
      await recordAudit(tx, ctx, {
        action: 'export',
        entityType: 'report',
        entityId: row.id,
        patientId: row.patientId,
        detail: {
          issuedVersion: current.value.version,
          to: outstanding.map((c) => c.to),
          notSent: copies.filter((c) => !c.sent).map((c) => c.reason),
        },
      });
      return ok({ saved, copies });
    },
  );
  if (!issued.ok) return issued;
  return ok({
    ...current.value,
    issuedVersion: issued.value.saved.issuedVersion,
    copies: issued.value.copies,
  });
}
