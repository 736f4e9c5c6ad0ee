// What the reporting API answers (packages/service/src/reports): the worklist, a report's versions with
// the wording context for the editor, and the summary a change returns.

export const WORKLIST_STAGES = ['to_draft', 'to_sign', 'to_issue'] as const;
export type WorklistStage = (typeof WORKLIST_STAGES)[number];
export type ReportState = 'draft' | 'signed' | 'amended';

export interface WorklistItem {
  stage: WorklistStage;
  visitId: string;
  visitAt: string;
  patientId: string;
  patientName: string;
  patientIdentifier: string;
  reportId: string | null;
  state: ReportState | null;
  version: number | null;
  issuedVersion: number | null;
}

export interface WorklistPage {
  items: WorklistItem[];
  total: number;
  limit: number;
  offset: number;
}

export interface Pronouns {
  subject: string;
  object: string;
  possessive: string;
}

export interface ReportFindings {
  vfa?: { summary: string };
  bloodTests: { test: string; result: string }[];
  reporterComment?: string;
}

export interface ReportVersionEntry {
  version: number;
  createdAt: string;
  createdBy: string;
  reason: string | null;
  signedAt: string | null;
  signedBy: string | null;
}

export interface ReportVersions {
  id: string;
  visitId: string;
  patientId: string;
  patientName: string;
  state: ReportState;
  issuedVersion: number | null;
  wording: {
    population: 'adult_t_score' | 'adult_z_score' | 'paediatric' | 'unknown';
    pronouns?: Pronouns | null;
  };
  findings: ReportFindings;
  versions: ReportVersionEntry[];
  /** The latest version's stored context, to render the report live as the reporter types. */
  context: Record<string, unknown>;
  reportDate: string;
}

export interface ReportSummary {
  id: string;
  visitId: string;
  patientId: string;
  state: ReportState;
  version: number;
  issuedVersion: number | null;
  text: string;
}

export const STAGE_WORDS: Record<WorklistStage, string> = {
  to_draft: 'To draft',
  to_sign: 'To sign',
  to_issue: 'To issue',
};

/** The editor's address for a report. */
export function reportHash(reportId: string): string {
  return `#/reporting/${reportId}`;
}
