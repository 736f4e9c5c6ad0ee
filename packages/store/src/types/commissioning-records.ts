/** A scanner's commissioning (ROS Appendix 3): out of clinical use from its start until it is released. */
export interface CommissioningRecord {
  scannerId: string;
  startedAt: string;
  startedBy: string;
  /** The scanner this one replaces, whose patients' priors need a cross-calibration. */
  replacesScannerId: string | null;
  releasedAt: string | null;
  releasedBy: string | null;
  releaseNote: string | null;
}

export const COMMISSIONING_OUTCOMES = ['done', 'not_applicable'] as const;

/** One item of the commissioning checklist, as recorded. */
export interface CommissioningCheckRecord {
  scannerId: string;
  itemCode: string;
  outcome: (typeof COMMISSIONING_OUTCOMES)[number];
  note: string | null;
  evidence: string | null;
  recordedBy: string;
  recordedAt: string;
}

export const CROSS_CALIBRATION_METHODS = ['in_vivo', 'phantom', 'stated'] as const;

/** The conversion of an old scanner's BMD to a new one's: new = slope x old + intercept (ISCD 2019). */
export interface CrossCalibrationRecord {
  id: string;
  fromScannerId: string;
  toScannerId: string;
  /** Null: the conversion holds for every site. */
  site: string | null;
  method: (typeof CROSS_CALIBRATION_METHODS)[number];
  performedFrom: string;
  performedTo: string;
  slope: number;
  interceptGcm2: number;
  /** The least significant change between the two scanners, where the study gave one. */
  lscGcm2: number | null;
  fit: Record<string, unknown> | null;
  scans: Record<string, unknown>[] | null;
  source: string;
  recordedBy: string;
  recordedAt: string;
}
