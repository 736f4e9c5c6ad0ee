export interface ReporterProfileRecord {
  userId: string;
  title: string;
  registrationBody: 'GMC' | 'HCPC' | 'NMC' | 'GPhC' | 'other';
  registrationNumber: string;
}

export interface ServiceDetailsRecord {
  name: string;
  address: string;
  adviceLine: string | null;
  email: string | null;
  /** Commissioned to copy every report to the patient's GP (ROS 4.6). */
  gpCopyCommissioned: boolean;
}

export interface ReportRow {
  id: string;
  visitId: string;
  patientId: string;
  referralId: string;
  state: 'draft' | 'signed' | 'amended';
  createdAt: string;
  /** The version last issued to the referrer, if any. */
  issuedVersion: number | null;
  rowVersion: number;
}

export interface ReportVersionRow {
  reportId: string;
  version: number;
  resultId: string;
  context: Record<string, unknown>;
  document: Record<string, unknown>;
  createdAt: string;
  createdBy: string;
  reason: string | null;
  signedAt: string | null;
  signedBy: string | null;
}

/** Where a scanned visit stands on the way to an issued report (ROS 4.6). */
export const REPORT_WORKLIST_STAGES = ['to_draft', 'to_sign', 'to_issue'] as const;
export type ReportWorklistStage = (typeof REPORT_WORKLIST_STAGES)[number];

/** One visit on the reporting worklist: results waiting for a report, a draft to sign, a version to issue. */
export interface ReportWorklistRow {
  stage: ReportWorklistStage;
  visitId: string;
  visitAt: string;
  patientId: string;
  patientName: string;
  patientIdentifier: string;
  reportId: string | null;
  state: ReportRow['state'] | null;
  /** The report's latest version; null before it is drafted. */
  version: number | null;
  issuedVersion: number | null;
}

export interface ReportWorklistFilter {
  stage?: ReportWorklistStage;
  limit: number;
  offset: number;
}
