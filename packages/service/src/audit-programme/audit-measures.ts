import { buildReport, checkReportWording, parseReportContext } from '@quantrad/reporting';
import type { AuditSampleRecord, ClinicalAuditRecord, SampledScanFacts, Store } from '@quantrad/store';
import { auditProgramme } from '../reference/audit-programme.ts';
import { reportDateOf } from '../reports/report-context-builder.ts';
import { serviceDataQuery } from '../service-data/service-data.ts';
import { daysBetween } from '../time.ts';
import {
  dnaRate,
  identificationCheck,
  pregnancyCheck,
  type DnaRate,
  type VisitCheck,
} from './audit-visit-measures.ts';
import {
  justificationCheck,
  referrerEntitlementCheck,
  type ReferralCheck,
} from './audit-referral-measures.ts';

// What an audit type can be checked against from the data, over the audit's sample of scans (ROS 9.2):
// reports' compliance with the ROS wording (the reporting package's terminology checker, ROS 4.6), the
// wait from referral to scan (indicative 6 weeks) and from scan to report (indicative 3 weeks).

export interface ReportCompliance {
  /** Sampled scans with an issued report, checked. */
  checked: number;
  compliant: number;
  /** Sampled scans with no issued report yet. */
  notIssued: number;
  /** Each failing rule's message with how many reports broke it. */
  failedRules: { message: string; reports: number }[];
  failures: { visitId: string; reportId: string; version: number; messages: string[] }[];
}

export interface WaitMeasure {
  targetDays: number;
  measured: number;
  withinTarget: number;
  /** Sampled scans the wait cannot be measured for yet (no report issued). */
  notMeasured: number;
  waits: { visitId: string; days: number }[];
}

export interface AuditMeasures {
  reportCompliance?: ReportCompliance;
  timeToScan?: WaitMeasure;
  timeToReport?: WaitMeasure;
  referrerEntitlement?: ReferralCheck;
  justification?: ReferralCheck;
  identification?: VisitCheck;
  pregnancyEnquiry?: VisitCheck;
  dnaRate?: DnaRate;
}

const day = (iso: string): string => iso.slice(0, 10);

async function complianceOf(store: Store, facts: readonly SampledScanFacts[]): Promise<ReportCompliance> {
  const failures: ReportCompliance['failures'] = [];
  let checked = 0;
  for (const f of facts) {
    if (f.reportId === null || f.issuedVersion === null) continue;
    const version = (await store.reports.versions(f.reportId)).find((v) => v.version === f.issuedVersion);
    if (!version) continue;
    checked += 1;
    const parsed = parseReportContext(version.context);
    const messages = parsed.ok
      ? checkReportWording(
          parsed.value,
          buildReport(parsed.value, reportDateOf(parsed.value, day(version.createdAt))),
        ).map((i) => i.message)
      : parsed.issues.map((i) => `the stored report no longer reads: ${i.message}`);
    if (messages.length > 0)
      failures.push({ visitId: f.visitId, reportId: f.reportId, version: version.version, messages });
  }
  const counts = new Map<string, number>();
  for (const failure of failures)
    for (const message of new Set(failure.messages)) counts.set(message, (counts.get(message) ?? 0) + 1);
  return {
    checked,
    compliant: checked - failures.length,
    notIssued: facts.length - checked,
    failedRules: [...counts].map(([message, reports]) => ({ message, reports })),
    failures,
  };
}

function waitMeasure(
  facts: readonly SampledScanFacts[],
  targetDays: number,
  wait: (f: SampledScanFacts) => number | null,
  within: (days: number, targetDays: number) => boolean,
): WaitMeasure {
  const waits = facts.flatMap((f) => {
    const days = wait(f);
    return days === null ? [] : [{ visitId: f.visitId, days }];
  });
  return {
    targetDays,
    measured: waits.length,
    withinTarget: waits.filter((w) => within(w.days, targetDays)).length,
    notMeasured: facts.length - waits.length,
    waits,
  };
}

/** The measures the audit's type allows, over its sample of scans; none for other types or samples. */
export async function auditMeasures(
  store: Store,
  audit: ClinicalAuditRecord,
  sample: AuditSampleRecord | null,
  now: Date,
): Promise<AuditMeasures> {
  const auditType = audit.auditType;
  if (auditType === 'dna_rates')
    return {
      dnaRate: dnaRate(
        await store.serviceData.figures(serviceDataQuery(audit.periodFrom, audit.periodTo, now)),
      ),
    };
  if (sample?.kind === 'referrals') {
    if (auditType === 'referrer_entitlement')
      return {
        referrerEntitlement: referrerEntitlementCheck(
          await store.auditProgramme.referralFacts(sample.itemIds),
        ),
      };
    if (auditType === 'referral_justification')
      return { justification: justificationCheck(await store.auditProgramme.referralFacts(sample.itemIds)) };
    return {};
  }
  if (sample?.kind !== 'scans') return {};
  if (auditType === 'patient_identification')
    return { identification: identificationCheck(await store.auditProgramme.visitChecks(sample.itemIds)) };
  if (auditType === 'pregnancy_checks')
    return {
      pregnancyEnquiry: pregnancyCheck(
        await store.auditProgramme.visitChecks(sample.itemIds),
        auditProgramme.pregnancyEnquiryAgeYears,
      ),
    };
  const measured = ['report_compliance', 'time_to_scan', 'time_to_report'];
  if (!measured.includes(auditType)) return {};
  const facts = await store.auditProgramme.scanFacts(sample.itemIds);
  if (auditType === 'report_compliance') return { reportCompliance: await complianceOf(store, facts) };
  if (auditType === 'time_to_scan')
    return {
      // DM01: six weeks or more is a breach, so within target is under 42 days, as in the service data.
      timeToScan: waitMeasure(
        facts,
        auditProgramme.timeToScanTargetDays,
        (f) => daysBetween(day(f.referralReceivedAt), day(f.scannedAt)),
        (days, target) => days < target,
      ),
    };
  return {
    // Reported within three weeks: 21 days or fewer, as the service data counts "more than three weeks".
    timeToReport: waitMeasure(
      facts,
      auditProgramme.timeToReportTargetDays,
      (f) => (f.firstIssuedAt === null ? null : daysBetween(day(f.scannedAt), day(f.firstIssuedAt))),
      (days, target) => days <= target,
    ),
  };
}
