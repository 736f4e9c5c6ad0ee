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
