export const AUDIT_SAMPLE_KINDS = ['referrals', 'scans'] as const;
export type AuditSampleKind = (typeof AUDIT_SAMPLE_KINDS)[number];

/** One month's random sample of referrals or scans (ROS 9.2), with the seed that draws it again. */
export interface AuditSampleRecord {
  id: string;
  /** 'YYYY-MM' */
  month: string;
  kind: AuditSampleKind;
  seed: number;
  samplePercent: number;
  populationSize: number;
  itemIds: string[];
  drawnAt: string;
  drawnBy: string;
}

/** A clinical or IR(ME)R audit (ROS 9.2): what it covers, the sample it used, and its closure. */
export interface ClinicalAuditRecord {
  id: string;
  auditType: string;
  title: string;
  scope: string;
  periodFrom: string;
  periodTo: string;
  sampleId: string | null;
  createdAt: string;
  createdBy: string;
  closedAt: string | null;
  closedBy: string | null;
  conclusion: string | null;
}

export const FINDING_SEVERITIES = ['low', 'moderate', 'high'] as const;

export interface AuditFindingRecord {
  id: string;
  auditId: string;
  severity: (typeof FINDING_SEVERITIES)[number];
  description: string;
  recordedAt: string;
  recordedBy: string;
}

export interface AuditActionRecord {
  id: string;
  auditId: string;
  findingId: string | null;
  description: string;
  owner: string;
  dueOn: string;
  createdAt: string;
  createdBy: string;
  closedAt: string | null;
  closedBy: string | null;
  whatWasDone: string | null;
}

export const INCIDENT_KINDS = ['incident', 'near_miss'] as const;

/** An incident or near miss (ROS 5), its root cause analysis and outcome. */
export interface IncidentRecord {
  id: string;
  kind: (typeof INCIDENT_KINDS)[number];
  occurredAt: string;
  description: string;
  patientId: string | null;
  /** Set by the reporter: IR(ME)R notifiable to the regulator. */
  regulatorNotifiable: boolean;
  reportedAt: string;
  reportedBy: string;
  causeCategories: string[] | null;
  rootCause: string | null;
  contributoryFactors: string | null;
  outcome: string | null;
  actions: string | null;
  analysedAt: string | null;
  analysedBy: string | null;
  closedAt: string | null;
  closedBy: string | null;
}

/** What the audit programme reads about one sampled scan: its waits and its issued report. */
export interface SampledScanFacts {
  visitId: string;
  referralReceivedAt: string;
  scannedAt: string;
  reportId: string | null;
  issuedVersion: number | null;
  /** When the report was first sent out (its first report letter). */
  firstIssuedAt: string | null;
}

/** What a referrals audit checks for one sampled referral (ROS 9.2: referrer entitlement, justification). */
export interface SampledReferralFacts {
  referralId: string;
  receivedAt: string;
  signedByReferrer: boolean;
  referrerName: string;
  referrerEntitledFrom: string;
  referrerEntitledUntil: string | null;
  state: string;
  authorisation: 'practitioner_justified' | 'operator_under_written_criteria' | null;
  decidedAt: string | null;
  meetsCriteria: boolean;
  /** Whether whoever authorised it held the entitlement for that basis on the day (null when undecided). */
  deciderEntitled: boolean | null;
  scanned: boolean;
}

/** What the identification and pregnancy audits check for one sampled scan (ROS 4.5, 9.2). */
export interface SampledVisitChecks {
  visitId: string;
  scannedAt: string;
  patientBirthDate: string;
  identity: Record<string, boolean>;
  childBearingCapacity: boolean;
  pregnancyStatus: string;
  pregnancySignedBy: string | null;
}
