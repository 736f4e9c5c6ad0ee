// The QCT calibration line shared by the phantom, asynchronous and phantomless methods (ACR QCT IV.B).

export type CalibrationMaterial = 'K2HPO4' | 'CaHA';
export type CalibrationMethod = 'simultaneous' | 'asynchronous' | 'phantomless';

/** One calibration sample: a phantom rod or a reference tissue, its density and its measured mean CT number. */
export interface CalibrationPoint {
  name: string;
  densityMgCm3: number;
  meanHu: number;
  /** Water density of a K2HPO4-solution rod from its certificate (Mindways Model 3), for the water-corrected fit. */
  waterMgCm3?: number;
}

export interface QctCalibration {
  method: CalibrationMethod;
  material: CalibrationMaterial;
  /** HU = interceptHu + slopeHuPerMgCm3 × density. */
  slopeHuPerMgCm3: number;
  interceptHu: number;
  /** Of the fit; 1 by construction for a two-point fit (said in notes). */
  r2: number;
  points: CalibrationPoint[];
  /** Per point, measured − fitted. */
  residualsHu: number[];
  phantom?: string;
  scanner?: CalibrationScanner;
  /** Caveats a reader must see (kVp, contrast, two-point fit…). */
  notes: string[];
}

export interface CalibrationScanner {
  id: string;
  kvp?: number;
  kernel?: string;
  date?: string;
}

export type CalibrationOutcome = { ok: true; calibration: QctCalibration } | { ok: false; reasons: string[] };

/** The density in mg/cm³ of the calibration's material that reads as `meanHu` (ACR QCT IV.B.1.a). */
export function bmdFromHu(
  calibration: Pick<QctCalibration, 'slopeHuPerMgCm3' | 'interceptHu'>,
  meanHu: number,
): number {
  if (!Number.isFinite(meanHu)) throw new Error(`meanHu: must be a finite number, got ${String(meanHu)}`);
  const { slopeHuPerMgCm3: slope, interceptHu } = calibration;
  if (!Number.isFinite(slope) || slope <= 0)
    throw new Error(`slopeHuPerMgCm3: a calibration slope must be a positive number, got ${String(slope)}`);
  if (!Number.isFinite(interceptHu))
    throw new Error(`interceptHu: must be a finite number, got ${String(interceptHu)}`);
  return (meanHu - interceptHu) / slope;
}
