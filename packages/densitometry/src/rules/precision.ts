import { iscdAdult } from '../reference/reference-data.ts';
import { roundTo } from './round-score.ts';

/** One scan of one patient in a precision study. */
export interface PrecisionScan {
  patient: string;
  scan: string;
  site: string;
  bmdGcm2: number;
  /** Left and right are separate sites of a study, never pooled. */
  side?: 'left' | 'right';
  scannerId?: string;
}

/** ISCD precision result for one scanner and site. */
export interface PrecisionResult {
  scannerId: string | null;
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

/**
 * Precision error and least significant change (ISCD 2019): RMS-SD pooled over patients,
 * sqrt(Σ Σ (x - mean_patient)² / Σ (n_patient - 1)); %CV as the root mean square of the patients' CVs
 * weighted by their degrees of freedom; LSC = 2.77 x RMS-SD at 95% confidence. A study is ISCD
 * compliant with at least 30 degrees of freedom (15 x 3 or 30 x 2).
 */
export function precisionStudy(scans: readonly PrecisionScan[]): PrecisionResult[] {
  const groups = new Map<string, PrecisionScan[]>();
  for (const scan of scans) {
    const key = `${scan.scannerId ?? ''}\u0000${scan.site}\u0000${scan.side ?? ''}`;
    const group = groups.get(key);
    if (group) group.push(scan);
    else groups.set(key, [scan]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0];
    const notes: string[] = [];
    const byPatient = new Map<string, number[]>();
    for (const s of group) {
      const values = byPatient.get(s.patient);
      if (values) values.push(s.bmdGcm2);
      else byPatient.set(s.patient, [s.bmdGcm2]);
    }
    let sumSquares = 0;
    let sumCvSquaresWeighted = 0;
    let degreesOfFreedom = 0;
    let patients = 0;
    let scansUsed = 0;
    let sumBmd = 0;
    for (const [patient, values] of byPatient) {
      if (values.length < 2) {
        notes.push(`patient ${patient} has one scan and is left out`);
        continue;
      }
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const squares = values.reduce((a, v) => a + (v - mean) ** 2, 0);
      const df = values.length - 1;
      const cv = Math.sqrt(squares / df) / mean;
      sumSquares += squares;
      sumCvSquaresWeighted += df * cv * cv;
      degreesOfFreedom += df;
      patients += 1;
      scansUsed += values.length;
      sumBmd += values.reduce((a, b) => a + b, 0);
    }
    const rmsSd = degreesOfFreedom > 0 ? Math.sqrt(sumSquares / degreesOfFreedom) : Number.NaN;
    const cvPercent =
      degreesOfFreedom > 0 ? Math.sqrt(sumCvSquaresWeighted / degreesOfFreedom) * 100 : Number.NaN;
    const compliant = degreesOfFreedom >= iscdAdult.precisionMinimumDegreesOfFreedom;
    if (!compliant) {
      notes.push(
        `${degreesOfFreedom} degrees of freedom: an ISCD precision study needs at least ${iscdAdult.precisionMinimumDegreesOfFreedom} (15 patients x 3 scans or 30 x 2)`,
      );
    }
    return {
      scannerId: first?.scannerId ?? null,
      site: first?.site ?? '',
      side: first?.side ?? null,
      patients,
      scans: scansUsed,
      degreesOfFreedom,
      meanBmdGcm2: roundTo(scansUsed > 0 ? sumBmd / scansUsed : Number.NaN, 3),
      rmsSdGcm2: roundTo(rmsSd, 4),
      cvPercent: roundTo(cvPercent, 2),
      lscGcm2: roundTo(iscdAdult.lscMultiplier * rmsSd, 4), // ISCD 2019: LSC = 2.77 x precision error
      lscPercent: roundTo(iscdAdult.lscMultiplier * cvPercent, 2),
      iscdCompliant: compliant,
      notes,
    };
  });
}
