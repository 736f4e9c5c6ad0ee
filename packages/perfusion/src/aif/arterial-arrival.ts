import type { Triple, Volume } from '@quantrad/imaging';
import { concentrationCurves, meanCurveHu } from '../preprocess/concentration-curves.ts';
import { detectArrival, type ContrastArrival } from '../preprocess/detect-arrival.ts';
import { preprocessDefaults, type AifRules, type ArrivalRules } from '../preprocess/preprocess-defaults.ts';
import { sphereVoxels } from './curve-at.ts';
import { selectAif } from './select-aif.ts';

/** Where the arterial curve of a study first rises, and the voxels it was judged on. */
export interface ArterialArrival {
  readonly arrival: ContrastArrival;
  readonly voxels: Int32Array;
}

/**
 * The curve's peak above the mean of its first `baselineCount` frames, as the highest value held by two
 * consecutive frames (one aberrant frame is no peak; detectArrival judges its rise floor the same way).
 */
function heldPeakDeltaHu(curveHu: ArrayLike<number>, baselineCount: number): number {
  let baseline = 0;
  for (let i = 0; i < baselineCount; i++) baseline += curveHu[i] ?? 0;
  baseline /= Math.max(baselineCount, 1);
  let peak = -Infinity;
  for (let i = 0; i + 1 < curveHu.length; i++) {
    peak = Math.max(peak, Math.min(curveHu[i] ?? -Infinity, curveHu[i + 1] ?? -Infinity));
  }
  return peak - baseline;
}

/**
 * The contrast arrival of the arterial curve alone, to end a study's baseline before the earliest
 * enhancement (ACR CTP IV.C.2: baseline images before contrast arrival). A mean over all large vessels is
 * mostly venous sinus, which fills seconds after the arteries, so its rise floor (a fraction of its peak) can
 * be crossed only after the arteries already hold a tenth or more of their peak; the arterial curve's own
 * rise is sharp and high in signal. The arterial voxels are the given sphere (a user's AIF), else the
 * automatic AIF (`selectAif`) among `candidateVoxels`; arrival is then detected on their mean HU curve, which
 * does not depend on any baseline. For the search, ΔHU is taken on the first min(baselineCount,
 * minimumBaselineFrames) frames only: a provisional baseline that ends too late (the case this function is
 * for) may hold the arterial rise, whose spread would pass for baseline noise and get the arteries rejected
 * as noisy; the first frames are those an acquisition following ACR CTP IV.C.2 keeps free of contrast.
 * A given sphere counts only when its curve's peak ΔHU reaches aif.minimumPeakDeltaHu; else the automatic
 * arterial voxels are used.
 * Undefined when no curve qualifies as arterial or it never rises (the AIF stage reports that itself).
 */
export function arterialArrival(
  ct: Volume,
  candidateVoxels: Int32Array,
  baselineCount: number,
  frameTimesS: readonly number[],
  options: {
    given?: { centreVoxel: Triple; radiusMm: number };
    rules?: ArrivalRules;
    aifRules?: AifRules;
  } = {},
): ArterialArrival | undefined {
  const rules = options.rules ?? preprocessDefaults.arrival;
  const aifRules = options.aifRules ?? preprocessDefaults.aif;
  const searchCount = Math.min(baselineCount, rules.minimumBaselineFrames);
  // A user's sphere is taken as given for the AIF itself, but may end the study's baseline only when its
  // curve qualifies as arterial (peak ΔHU ≥ aif.minimumPeakDeltaHu, as selectAif asks of a candidate): a
  // sphere misplaced in CSF or tissue holds noise or a slow tissue rise, whose "arrival" would cut the
  // baseline of every curve. The automatic arterial voxels then time the arteries instead.
  if (options.given) {
    try {
      const voxels = sphereVoxels(ct, options.given);
      const curveHu = meanCurveHu(ct, voxels);
      if (heldPeakDeltaHu(curveHu, searchCount) >= aifRules.minimumPeakDeltaHu) {
        return { arrival: detectArrival(curveHu, frameTimesS, rules), voxels };
      }
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
    }
  }
  try {
    const { voxels } = selectAif(
      concentrationCurves(ct, candidateVoxels, searchCount),
      candidateVoxels,
      frameTimesS,
      { baselineCount: searchCount, rules: aifRules },
    );
    return { arrival: detectArrival(meanCurveHu(ct, voxels), frameTimesS, rules), voxels };
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}
