// What the audit programme routes return (packages/service/src/audit-programme).

export interface AuditType {
  id: string;
  group: 'irmer' | 'clinical_quality' | 'service';
  title: string;
  source: string;
  sampleKind: 'referrals' | 'scans' | null;
}

export interface AuditSample {
  id: string;
  month: string;
  kind: 'referrals' | 'scans';
  seed: number;
  samplePercent: number;
  populationSize: number;
  itemIds: string[];
  drawnAt: string;
}

export interface ClinicalAudit {
  id: string;
  auditType: string;
  title: string;
  scope: string;
  periodFrom: string;
  periodTo: string;
  sampleId: string | null;
  createdAt: string;
  closedAt: string | null;
  conclusion: string | null;
}

export const FINDING_SEVERITIES = ['low', 'moderate', 'high'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

export interface AuditFinding {
  id: string;
  severity: FindingSeverity;
  description: string;
  recordedAt: string;
}

export interface AuditAction {
  id: string;
  findingId: string | null;
  description: string;
  owner: string;
  dueOn: string;
  createdAt: string;
  closedAt: string | null;
  whatWasDone: string | null;
}

interface Check {
  checked: number;
  compliant: number;
  failures: { problems?: string[]; messages?: string[] }[];
}

export interface AuditMeasures {
  reportCompliance?: Check & { notIssued: number; failedRules: { message: string; reports: number }[] };
  timeToScan?: WaitMeasure;
  timeToReport?: WaitMeasure;
  referrerEntitlement?: Check & { notDecided: number };
  justification?: Check & { notDecided: number };
  identification?: Check & { forReview: { note: string }[] };
  pregnancyEnquiry?: Check & { forReview: { note: string }[] };
  dnaRate?: { attendedOrMissed: number; didNotAttend: number; percent: number | null };
}

export interface WaitMeasure {
  targetDays: number;
  measured: number;
  withinTarget: number;
  notMeasured: number;
}

export interface AuditView {
  audit: ClinicalAudit;
  type: AuditType;
  sample: AuditSample | null;
  findings: AuditFinding[];
  actions: AuditAction[];
  measures: AuditMeasures;
}
