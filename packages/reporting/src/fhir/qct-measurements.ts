import type { QctStudy } from '../qct/qct-study-schema.ts';
import { fhirCodes } from '../reference/report-data.ts';
import { localCode, snomedBodySite, type Measurement } from './measurement.ts';

const codes = fhirCodes.qctObservations;

/** CTXA hip areal BMD, T- and Z-scores, and spine trabecular vBMD with its Z-score (ACR QCT IV.C). */
export function qctMeasurements(q: QctStudy): Measurement[] {
  const measurements: Measurement[] = [];
  for (const h of q.hipSites) {
    const bodySite = snomedBodySite(fhirCodes.bodySites[h.site], `${h.side ? `${h.side} ` : ''}${h.site}`);
    measurements.push({
      code: localCode(codes.hipBmd),
      value: h.bmdGcm2,
      unitCode: 'g/cm2',
      unit: 'g/cm²',
      bodySite,
    });
    // ISCD 2019 / ACR QCT V: T-scores only for the WHO T-score population.
    if (q.population === 'adult_t_score' && h.tScore !== undefined) {
      measurements.push({
        code: localCode(codes.hipTScore),
        value: h.tScore,
        unitCode: '1',
        unit: 'T-score',
        bodySite,
      });
    }
    if (h.zScore !== undefined) {
      measurements.push({
        code: localCode(codes.hipZScore),
        value: h.zScore,
        unitCode: '1',
        unit: 'Z-score',
        bodySite,
      });
    }
  }
  if (q.spine) {
    const bodySite = snomedBodySite(fhirCodes.bodySites.spine, q.spine.vertebrae);
    measurements.push({
      code: localCode(codes.spineTrabecularBmd),
      value: q.spine.trabecularBmdMgCm3,
      unitCode: 'mg/cm3',
      unit: 'mg/cm³',
      bodySite,
    });
    if (q.spine.zScore !== undefined) {
      measurements.push({
        code: localCode(codes.spineZScore),
        value: q.spine.zScore,
        unitCode: '1',
        unit: 'Z-score',
        bodySite,
      });
    }
  }
  return measurements;
}
