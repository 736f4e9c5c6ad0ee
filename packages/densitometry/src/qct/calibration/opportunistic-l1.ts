import { opportunisticL1Thresholds, type OpportunisticL1Thresholds } from './calibration-data.ts';

// HU-only opportunistic screening at L1 (ACR QCT IV.B.2: phantomless techniques that do not measure BMD
// but screen on CT attenuation). A screening band, never a WHO category (ACR QCT IV.C.2).

export type OpportunisticBand = 'likely_osteoporosis' | 'indeterminate' | 'osteoporosis_unlikely';

export interface OpportunisticL1Screen {
  band: OpportunisticBand;
  l1TrabecularHu: number;
  thresholdsHu: { likelyOsteoporosisAtMost: number; osteoporosisUnlikelyAbove: number; atKvp: number };
  meaning: string;
  source: string;
  /** Always present: HU vary with kVp (ACR QCT IV.B.2); louder when the scan was not at the thresholds' kVp. */
  caveat: string;
  kvpMatches: boolean | null;
}

/**
 * L1 trabecular HU against the Pickhardt 2013 thresholds (data/qct-opportunistic-l1-hu.json): at or below
 * 110 HU likely osteoporosis (> 90% specific), above 160 HU osteoporosis unlikely (90% sensitive), between
 * them indeterminate.
 */
export function opportunisticL1Screen(
  l1TrabecularHu: number,
  kvp?: number,
  thresholds: OpportunisticL1Thresholds = opportunisticL1Thresholds,
): OpportunisticL1Screen {
  if (!Number.isFinite(l1TrabecularHu))
    throw new Error(`l1TrabecularHu: must be a finite number, got ${String(l1TrabecularHu)}`);
  if (kvp !== undefined && !(Number.isFinite(kvp) && kvp > 0))
    throw new Error(`kvp: must be a positive number, got ${String(kvp)}`);
  const low = thresholds.likelyOsteoporosisAtMostHu;
  const high = thresholds.osteoporosisUnlikelyAboveHu;
  let band: OpportunisticBand;
  let meaning: string;
  if (l1TrabecularHu <= low) {
    band = 'likely_osteoporosis';
    meaning = thresholds.likelyOsteoporosisMeaning;
  } else if (l1TrabecularHu > high) {
    band = 'osteoporosis_unlikely';
    meaning = thresholds.osteoporosisUnlikelyMeaning;
  } else {
    band = 'indeterminate';
    meaning = `L1 trabecular attenuation between ${String(low)} and ${String(high)} HU: neither threshold applies; measure BMD (DXA or calibrated QCT).`;
  }
  const kvpMatches = kvp === undefined ? null : kvp === thresholds.kvp;
  const caveat =
    kvpMatches === false
      ? `WARNING: scan at ${String(kvp)} kVp. ${thresholds.kvpMismatchCaveat} ${thresholds.kvpCaveat}`
      : kvpMatches === null
        ? `${thresholds.kvpCaveat} The scan kVp was not given; the thresholds are for ${String(thresholds.kvp)} kVp.`
        : thresholds.kvpCaveat;
  return {
    band,
    l1TrabecularHu,
    thresholdsHu: { likelyOsteoporosisAtMost: low, osteoporosisUnlikelyAbove: high, atKvp: thresholds.kvp },
    meaning,
    source: thresholds.source,
    caveat,
    kvpMatches,
  };
}
