import { iscdAdult } from '../reference/reference-data.ts';
import { isSpineComposite } from '../schema/site-label.ts';
import { roundTo } from './round-score.ts';

/** One scan in a cross-calibration study: a patient (or phantom) measured on the old or the new scanner. */
export interface CrossCalibrationScan {
  patient: string;
  scanner: 'old' | 'new';
  bmdGcm2: number;
}

/** The conversion from the old scanner's BMD to the new one's: new = slope x old + intercept. */
export interface CrossCalibrationFit {
  patients: number;
  slope: number;
  interceptGcm2: number;
  /** Pearson correlation of the patients' mean old and new BMDs. */
  correlation: number;
  /** Standard error of the estimate of new from old, sqrt(Σ residual² / (n - 2)). */
  seeGcm2: number;
  /** Mean of (new - old) / old over patients, in percent: the systematic difference between scanners. */
  meanDifferencePercent: number;
  iscdCompliant: boolean;
  notes: string[];
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * In vivo cross-calibration (ISCD 2019): each patient's mean BMD on the old scanner against their mean
 * on the new, and the least-squares line of new on old. Patients measured on only one scanner are left
 * out. Compliant with at least 30 patients (crossCalibrationMinimumPatients).
 */
export function crossCalibrationFit(scans: readonly CrossCalibrationScan[]): CrossCalibrationFit {
  const byPatient = new Map<string, { old: number[]; new: number[] }>();
  for (const s of scans) {
    const entry = byPatient.get(s.patient) ?? { old: [], new: [] };
    entry[s.scanner].push(s.bmdGcm2);
    byPatient.set(s.patient, entry);
  }
  const notes: string[] = [];
  const pairs: { old: number; new: number }[] = [];
  for (const [patient, values] of byPatient) {
    if (values.old.length === 0 || values.new.length === 0) {
      notes.push(`patient ${patient} was not measured on both scanners and is left out`);
      continue;
    }
    pairs.push({ old: mean(values.old), new: mean(values.new) });
  }
  if (pairs.length < 3)
    throw new Error('scans: a cross-calibration needs at least 3 patients measured on both scanners');
  const meanOld = mean(pairs.map((p) => p.old));
  const meanNew = mean(pairs.map((p) => p.new));
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (const p of pairs) {
    sxx += (p.old - meanOld) ** 2;
    syy += (p.new - meanNew) ** 2;
    sxy += (p.old - meanOld) * (p.new - meanNew);
  }
  if (sxx === 0)
    throw new Error('scans: the patients all have the same BMD on the old scanner, so no line can be fitted');
  const slope = sxy / sxx;
  const intercept = meanNew - slope * meanOld;
  const residualSquares = pairs.reduce((a, p) => a + (p.new - (slope * p.old + intercept)) ** 2, 0);
  const compliant = pairs.length >= iscdAdult.crossCalibrationMinimumPatients;
  if (!compliant) {
    notes.push(
      `${String(pairs.length)} patients: an ISCD in vivo cross-calibration needs at least ${String(iscdAdult.crossCalibrationMinimumPatients)}`,
    );
  }
  return {
    patients: pairs.length,
    slope: roundTo(slope, 4),
    interceptGcm2: roundTo(intercept, 4),
    correlation: roundTo(syy === 0 ? 1 : sxy / Math.sqrt(sxx * syy), 4),
    seeGcm2: roundTo(pairs.length > 2 ? Math.sqrt(residualSquares / (pairs.length - 2)) : 0, 4),
    meanDifferencePercent: roundTo(mean(pairs.map((p) => ((p.new - p.old) / p.old) * 100)), 2),
    iscdCompliant: compliant,
    notes,
  };
}

/**
 * Whether one operator's precision meets the ISCD minimum for an individual technologist at a site
 * (lumbar spine composites, total hip, femoral neck); null for a site with no minimum (the radius, a single
 * vertebra).
 */
export function operatorPrecisionAcceptable(
  site: string,
  cvPercent: number,
): { minimumCvPercent: number; acceptable: boolean } | null {
  const minimums = iscdAdult.operatorMinimumPrecisionCvPercent;
  const minimum =
    site === 'total_hip'
      ? minimums.total_hip
      : site === 'femoral_neck'
        ? minimums.femoral_neck
        : isSpineComposite(site)
          ? minimums.spine
          : null;
  if (minimum === null) return null;
  // ISCD 2019: retraining is required when an operator's precision is worse than the minimum.
  return { minimumCvPercent: minimum, acceptable: cvPercent <= minimum };
}
