// What the QA routes return (packages/service/src/scanners, packages/service/src/qa).

export interface ScannerStatus {
  id: string;
  modality: 'dxa' | 'ct';
  manufacturer: string;
  model: string;
  location: string;
  active: boolean;
  /** Today's daily QC (ROS 5.1): no patient scans until it has passed. */
  dailyQcToday: 'passed' | 'failed' | 'not_done';
  withEngineer: boolean;
  replacementWarning: string | null;
}

export const MAINTENANCE_KINDS = ['fault', 'planned_maintenance', 'software_upgrade', 'other'] as const;
export type MaintenanceKind = (typeof MAINTENANCE_KINDS)[number];

export const MAINTENANCE_KIND_WORDS: Record<MaintenanceKind, string> = {
  fault: 'Fault',
  planned_maintenance: 'Planned maintenance',
  software_upgrade: 'Software upgrade',
  other: 'Other',
};

export interface MaintenanceEntry {
  id: string;
  scannerId: string;
  kind: MaintenanceKind;
  reportedAt: string;
  reportedBy: string;
  description: string;
  handedOverAt: string | null;
  handedOverBy: string | null;
  engineer: string | null;
  returnedAt: string | null;
  returnedBy: string | null;
  engineerReport: string | null;
  checksOnReturn: string | null;
}

/** The engine's precision result for one site (ISCD 2019), as the API computes it. */
export interface PrecisionResult {
  site: string;
  side: 'left' | 'right' | null;
  patients: number;
  scans: number;
  degreesOfFreedom: number;
  meanBmdGcm2: number;
  rmsSdGcm2: number;
  cvPercent: number;
  lscGcm2: number;
  lscPercent: number;
  iscdCompliant: boolean;
  notes: string[];
}

export interface OperatorPrecision {
  site: string;
  side: 'left' | 'right' | null;
  cvPercent: number;
  minimumCvPercent: number;
  acceptable: boolean;
  action: string | null;
}

export interface PrecisionStudyOutcome {
  id: string;
  results: PrecisionResult[];
  lscSet: { site: string; side: string | null; lscGcm2: number }[];
  operatorPrecision: OperatorPrecision[];
}

export interface PrecisionStudyRecord {
  id: string;
  scannerId: string;
  operatorId: string | null;
  performedFrom: string;
  performedTo: string;
  recordedAt: string;
  results: PrecisionResult[];
  appliedToLsc: boolean;
  /** Per-operator check against the ISCD minimums, for an operator's study. */
  operatorPrecision?: OperatorPrecision[];
}

export function dayTime(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}
