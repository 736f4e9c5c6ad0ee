import {
  buildReport,
  createDraft,
  amendReport as amendRecord,
  parseReportContext,
  signReport as signRecord,
  type AnyReportContext,
  type ReportDocument,
  type ReportRecord,
} from '@quantrad/reporting';
import type { Repositories, ReportVersionRow, ScanVisitRecord } from '@quantrad/store';
import type { z } from 'zod';
import { fail, notFound, ok, type Outcome } from '../outcome.ts';
import type { reportFindingsSchema, reportReferralDetailsSchema } from './report-input.ts';

type ReferralDetails = z.output<typeof reportReferralDetailsSchema>;
type Findings = z.output<typeof reportFindingsSchema>;

const NHS_NUMBER = 'https://fhir.nhs.uk/Id/nhs-number';
const PRONOUN_PRESETS = ['she/her', 'he/him', 'they/them'] as const;
const GENDERS = ['woman', 'man', 'non_binary', 'other'] as const;

function preset<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === value);
}

/**
 * The report context (patient, referral, service, reporter, assessment) from what the service holds,
 * checked by the reporting package's own schema.
 */
export async function buildDxaReportContext(
  tx: Repositories,
  visit: ScanVisitRecord,
  reporterUserId: string,
  reportDate: string,
  details: ReferralDetails,
  findings: Findings,
): Promise<Outcome<{ context: AnyReportContext; resultId: string }>> {
  const [patient, referral, service, profile, user] = await Promise.all([
    tx.patients.byId(visit.patientId),
    tx.referrals.byId(visit.referralId),
    tx.reports.serviceDetails(),
    tx.reports.reporterProfile(reporterUserId),
    tx.users.byId(reporterUserId),
  ]);
  if (!patient || !referral || !user) return notFound('visit record', visit.id);
  if (!service) return fail('conflict', 'set the service details (name and address) before reporting');
  if (!profile)
    return fail(
      'conflict',
      `${user.displayName} has no professional registration recorded: add it before reporting`,
    );
  const results = await tx.results.versionsForVisit(visit.id);
  const result = results.at(-1);
  if (!result) return fail('conflict', 'enter the DXA results for this visit before reporting');
  const referrer = await tx.patients.referrer(referral.referrerId);
  if (!referrer) return notFound('referrer', referral.referrerId);
  const pronouns = preset(patient.pronouns, PRONOUN_PRESETS);
  const gender = preset(patient.gender, GENDERS);
  const json = {
    assessment: result.assessment,
    patient: {
      name: `${patient.givenNames} ${patient.familyName}`,
      birthDate: patient.birthDate,
      address: [patient.address, patient.postcode].filter((v) => v !== null && v !== '').join(', '),
      identifier: {
        system: patient.identifierSystem,
        ...(patient.identifierSystem === NHS_NUMBER ? { label: 'NHS number' } : {}),
        value: patient.identifier,
      },
      ...(patient.ethnicity !== null ? { ethnicity: patient.ethnicity } : {}),
      ...(pronouns !== undefined ? { pronouns } : {}),
      ...(gender !== undefined ? { gender } : {}),
    },
    referral: {
      referrer: { name: referrer.name, address: referrer.organisation, role: referrer.role },
      date: referral.receivedAt.slice(0, 10),
      indications: [...referral.criteriaMatch.matched.map((m) => m.text), referral.clinicalInformation],
      ...details,
    },
    service: {
      name: service.name,
      address: service.address,
      ...(service.adviceLine !== null ? { adviceLine: service.adviceLine } : {}),
      ...(service.email !== null ? { email: service.email } : {}),
    },
    reporter: {
      name: user.displayName,
      title: profile.title,
      registrationBody: profile.registrationBody,
      registrationNumber: profile.registrationNumber,
    },
    reportDate,
    findings,
  };
  const parsed = parseReportContext(json);
  if (!parsed.ok) {
    const issue = parsed.issues[0];
    return fail(
      'invalid',
      `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid report context'}`,
      issue?.path.join('.'),
    );
  }
  return ok({ context: parsed.value, resultId: result.id });
}

export function reportDateOf(c: AnyReportContext, fallback: string): string {
  return c.kind === 'dxa' ? (c.context.reportDate ?? fallback) : fallback;
}

export interface LoadedReport {
  record: ReportRecord;
  contexts: AnyReportContext[];
}

/**
 * The report's lifecycle record rebuilt from its stored versions: each version's document is built
 * again from its stored context and the draft → signed → amended steps are replayed, so what is shown
 * is always what the reporting package makes of what was recorded.
 */
export function replayReport(versions: readonly ReportVersionRow[]): Outcome<LoadedReport> {
  let record: ReportRecord | null = null;
  const contexts: AnyReportContext[] = [];
  for (const v of versions) {
    const parsed = parseReportContext(v.context);
    if (!parsed.ok)
      return fail(
        'conflict',
        `report version ${String(v.version)} no longer reads: ${parsed.issues[0]?.message ?? ''}`,
      );
    contexts.push(parsed.value);
    const document: ReportDocument = buildReport(
      parsed.value,
      reportDateOf(parsed.value, v.createdAt.slice(0, 10)),
    );
    if (record === null) {
      record = createDraft(document, v.createdBy, v.createdAt);
      if (v.signedAt !== null && v.signedBy !== null) {
        const signed = signRecord(record, v.signedBy, v.signedAt);
        if (!signed.ok) return fail('conflict', signed.error);
        record = signed.record;
      }
    } else {
      const amended = amendRecord(
        record,
        document,
        v.reason ?? '',
        v.signedBy ?? v.createdBy,
        v.signedAt ?? v.createdAt,
      );
      if (!amended.ok) return fail('conflict', amended.error);
      record = amended.record;
    }
  }
  if (record === null) return fail('conflict', 'the report has no versions');
  return ok({ record, contexts });
}
