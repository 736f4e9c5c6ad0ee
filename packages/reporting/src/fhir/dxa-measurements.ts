import type { DxaAssessment } from '@quantrad/densitometry';
import { reportedSites } from '../dxa/results-table.ts';
import { fhirCodes } from '../reference/report-data.ts';
import { loincCode, snomedBodySite, type Measurement } from './measurement.ts';

type DxaSiteKey = keyof typeof fhirCodes.dxaObservations;

function siteKey(site: string): DxaSiteKey {
  if (site === 'total_hip' || site === 'femoral_neck' || site === 'radius_33') return site;
  return 'spine';
}

/** BMD, T-score and Z-score of every reported DXA site, with the sided LOINC term where there is one. */
export function dxaMeasurements(a: DxaAssessment): Measurement[] {
  const measurements: Measurement[] = [];
  for (const s of reportedSites(a)) {
    const key = siteKey(s.site);
    const codes = fhirCodes.dxaObservations[key];
    const sided =
      (s.side === 'left' ? codes.left : s.side === 'right' ? codes.right : undefined) ?? codes.any;
    const bodySite = snomedBodySite(fhirCodes.bodySites[key], `${s.side ? `${s.side} ` : ''}${s.site}`);
    const values: [readonly [string, string], number | null, string, string][] = [
      [sided.bmd, s.bmdGcm2, 'g/cm2', 'g/cm²'],
      // ISCD 2019: no T-score for children or Z-score adults.
      [sided.tScore, a.population === 'adult_t_score' ? s.tScore : null, '1', 'T-score'],
      [sided.zScore, s.zScoreHeightAdjusted ?? s.zScore, '1', 'Z-score'],
    ];
    for (const [coding, value, unitCode, unit] of values) {
      if (value !== null) measurements.push({ code: loincCode(coding), value, unitCode, unit, bodySite });
    }
  }
  return measurements;
}
