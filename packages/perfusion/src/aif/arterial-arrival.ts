import type { Triple, Volume } from '@quantrad/imaging';
import { concentrationCurves, meanCurveHu } from '../preprocess/concentration-curves.ts';
import { detectArrival, type ContrastArrival } from '../preprocess/detect-arrival.ts';
import { preprocessDefaults, type ArrivalRules } from '../preprocess/preprocess-defaults.ts';
import { sphereVoxels } from './curve-at.ts';
import { selectAif } from './select-aif.ts';

/** Where the arterial curve of a study first rises, and the voxels it was judged on. */
export interface ArterialArrival {
  readonly arrival: ContrastArrival;
  readonly voxels: Int32Array;
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
 * Undefined when no curve qualifies as arterial or it never rises (the AIF stage reports that itself).
 */
export function arterialArrival(
  ct: Volume,
  candidateVoxels: Int32Array,
  baselineCount: number,
  frameTimesS: readonly number[],
  options: { given?: { centreVoxel: Triple; radiusMm: number }; rules?: ArrivalRules } = {},
): ArterialArrival | undefined {
  const rules = options.rules ?? preprocessDefaults.arrival;
  const searchCount = Math.min(baselineCount, rules.minimumBaselineFrames);
  try {
    const voxels = options.given
      ? sphereVoxels(ct, options.given)
      : selectAif(concentrationCurves(ct, candidateVoxels, searchCount), candidateVoxels, frameTimesS, {
          baselineCount: searchCount,
        }).voxels;
    const arrival = detectArrival(meanCurveHu(ct, voxels), frameTimesS, rules);
    return { arrival, voxels };
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}
