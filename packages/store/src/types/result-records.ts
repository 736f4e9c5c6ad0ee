export interface ScannerLscRecord {
  scannerId: string;
  /** An exam site label ("L1-L4", "total_hip", "femoral_neck", "radius_33") or "spine". */
  site: string;
  side: 'left' | 'right' | null;
  lscGcm2: number;
  source: string;
  recordedBy: string;
  recordedAt: string;
}

/** One version of a visit's DXA results: what went into the engine and what it gave back. */
export interface DxaResultRecord {
  id: string;
  visitId: string;
  version: number;
  patientId: string;
  referralId: string;
  scannerId: string;
  examDate: string;
  /** "manual" or the import it came from, e.g. "csv". */
  source: string;
  examInput: Record<string, unknown>;
  assessment: Record<string, unknown>;
  enteredBy: string;
  enteredAt: string;
}
