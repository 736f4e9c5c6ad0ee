/** A scanner's phantom QC baseline (ROS Appendix 3): the scans it was made from and their statistics. */
export interface PhantomBaselineRecord {
  id: string;
  scannerId: string;
  establishedAt: string;
  establishedBy: string;
  scansGcm2: number[];
  meanGcm2: number;
  sdGcm2: number;
  tolerancePercent: number;
  reason: string;
}

/** One phantom scan on the control chart, and the daily QC record it decided. */
export interface PhantomScanRecord {
  id: string;
  scannerId: string;
  baselineId: string;
  scannedAt: string;
  performedBy: string;
  bmdGcm2: number;
  signals: { code: string; text: string }[];
  inControl: boolean;
  dailyQcId: string;
}

export interface QaAlertRecord {
  id: string;
  scannerId: string;
  raisedAt: string;
  kind: 'phantom_out_of_control';
  detail: Record<string, unknown>;
  closedAt: string | null;
  closedBy: string | null;
  closingNote: string | null;
}

/** A precision study on a scanner (ISCD 2019), with the engine's result for each site. */
export interface PrecisionStudyRecord {
  id: string;
  scannerId: string;
  /** Set when one operator did every scan (per-operator precision). */
  operatorId: string | null;
  performedFrom: string;
  performedTo: string;
  recordedBy: string;
  recordedAt: string;
  scans: { patient: string; scan: string; site: string; side: 'left' | 'right' | null; bmdGcm2: number }[];
  results: Record<string, unknown>[];
  appliedToLsc: boolean;
}

export const MAINTENANCE_KINDS = ['fault', 'planned_maintenance', 'software_upgrade', 'other'] as const;

/** One entry in a scanner's maintenance and fault log, with its handover to and from the engineer. */
export interface MaintenanceEventRecord {
  id: string;
  scannerId: string;
  kind: (typeof MAINTENANCE_KINDS)[number];
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

export const ANCILLARY_KINDS = ['weighing_scales', 'stadiometer', 'hoist'] as const;

/** Scales, stadiometers and hoists, each checked at its own interval (ROS 5.2). */
export interface AncillaryEquipmentRecord {
  id: string;
  kind: (typeof ANCILLARY_KINDS)[number];
  label: string;
  location: string;
  checkIntervalDays: number;
  addedAt: string;
  addedBy: string;
}

export interface CalibrationCheckRecord {
  id: string;
  equipmentId: string;
  checkedOn: string;
  checkedBy: string;
  passed: boolean;
  note: string | null;
}
