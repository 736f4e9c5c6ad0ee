import type { SiteMeasurement } from '../schema/exam-input.ts';
import type { AssessedSite } from '../types/assessed-site.ts';
import {
  isCompositeOf,
  labelOfVertebrae,
  MINIMUM_VERTEBRAE_IN_COMPOSITE,
  type Vertebra,
  vertebraeOf,
} from '../schema/site-label.ts';

export interface SpineBmd {
  bmdGcm2: number;
  bmcG: number | null;
  areaCm2: number | null;
  method: NonNullable<AssessedSite['compositeMethod']>;
  measurement: SiteMeasurement | null;
}

/** The composite the scanner reported for exactly these vertebrae, if any. */
export function givenCompositeFor(
  measurements: readonly SiteMeasurement[],
  vertebrae: readonly Vertebra[],
): SiteMeasurement | undefined {
  const wanted = labelOfVertebrae(vertebrae);
  return measurements.find((m) => {
    const of = vertebraeOf(m.site);
    return of !== null && isCompositeOf(of) && labelOfVertebrae(of) === wanted;
  });
}

/**
 * Spine BMD over exactly the given vertebrae: the scanner's composite when it reported one; otherwise
 * total BMC over total area (the composite as DXA defines it), or, lacking BMC and area, the mean of
 * the vertebral BMDs, which the method field says (issue 2 §2.4: say how it was formed).
 */
export function spineBmdFor(
  allMeasurements: readonly SiteMeasurement[],
  vertebrae: readonly Vertebra[],
): SpineBmd | null {
  // A value the operator marked not interpretable never forms a spine BMD, now or as a baseline.
  const measurements = allMeasurements.filter((m) => m.notInterpretableReason === undefined);
  const given = givenCompositeFor(measurements, vertebrae);
  if (given) {
    return {
      bmdGcm2: given.bmdGcm2,
      bmcG: given.bmcG ?? null,
      areaCm2: given.areaCm2 ?? null,
      method: 'scanner',
      measurement: given,
    };
  }
  const singles = vertebrae.map((v) => measurements.find((m) => m.site === v));
  if (singles.length < MINIMUM_VERTEBRAE_IN_COMPOSITE || singles.some((s) => s === undefined)) return null;
  const present = singles.filter((s): s is SiteMeasurement => s !== undefined);
  const withBmcAndArea = present.filter((s) => s.bmcG !== undefined && s.areaCm2 !== undefined);
  if (withBmcAndArea.length === present.length) {
    const bmcG = present.reduce((sum, s) => sum + (s.bmcG ?? 0), 0);
    const areaCm2 = present.reduce((sum, s) => sum + (s.areaCm2 ?? 0), 0);
    return { bmdGcm2: bmcG / areaCm2, bmcG, areaCm2, method: 'sum_bmc_over_sum_area', measurement: null };
  }
  const meanBmd = present.reduce((sum, s) => sum + s.bmdGcm2, 0) / present.length;
  return { bmdGcm2: meanBmd, bmcG: null, areaCm2: null, method: 'mean_of_vertebral_bmd', measurement: null };
}
