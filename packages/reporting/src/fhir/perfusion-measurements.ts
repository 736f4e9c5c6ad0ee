import { mismatch } from '../perfusion/mismatch.ts';
import type { PerfusionStudy } from '../perfusion/perfusion-study-schema.ts';
import { fhirCodes } from '../reference/report-data.ts';
import { localCode, snomedBodySite, type Measurement } from './measurement.ts';

const codes = fhirCodes.perfusionObservations;

/** Core, hypoperfusion and mismatch volumes, the mismatch ratio and CTDIvol (ACR CTP V). */
export function perfusionMeasurements(p: PerfusionStudy): Measurement[] {
  const brain = snomedBodySite(fhirCodes.bodySites.brain, 'brain');
  const measurements: Measurement[] = [];
  if (p.volumes) {
    const m = mismatch(p.volumes.coreMl, p.volumes.hypoperfusionMl);
    measurements.push(
      {
        code: localCode(codes.coreVolume),
        value: p.volumes.coreMl,
        unitCode: 'mL',
        unit: 'mL',
        bodySite: brain,
      },
      {
        code: localCode(codes.hypoperfusionVolume),
        value: p.volumes.hypoperfusionMl,
        unitCode: 'mL',
        unit: 'mL',
        bodySite: brain,
      },
      {
        code: localCode(codes.mismatchVolume),
        value: m.volumeMl,
        unitCode: 'mL',
        unit: 'mL',
        bodySite: brain,
      },
    );
    // No ratio without a core (hypoperfused ÷ 0); one decimal, as the report prints it.
    if (m.ratio !== null) {
      measurements.push({
        code: localCode(codes.mismatchRatio),
        value: Number(m.ratio.toFixed(1)),
        unitCode: '1',
        unit: 'ratio',
        bodySite: brain,
      });
    }
  }
  measurements.push({ code: localCode(codes.ctdiVol), value: p.ctdiVolMGy, unitCode: 'mGy', unit: 'mGy' });
  return measurements;
}
