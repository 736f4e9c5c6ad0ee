import { releaseBuffer, type Volume } from '@quantrad/imaging/volume';
import { brainRegion, maskVoxels } from './brain-mask.ts';
import { baselineMeanImage, meanCurveHu } from './concentration-curves.ts';
import {
  baselineFrames,
  detectArrival,
  type BaselineFrames,
  type ContrastArrival,
} from './detect-arrival.ts';
import { preprocessDefaults, type PreprocessDefaults } from './preprocess-defaults.ts';

/** A study's contrast arrival and baseline frames, judged on its whole-brain curve. */
export interface StudyBaseline {
  readonly arrival: ContrastArrival;
  readonly baseline: BaselineFrames;
  /** Brain voxels (on the first frame) whose mean curve was used. */
  readonly brainVoxelCount: number;
}

/**
 * The baseline of a dynamic CT in the order the steps need each other: the brain region on the first frame
 * (before any contrast, with a normal injection delay), the mean HU curve of those voxels — vessels
 * included, so the earliest (arterial) arrival ends the baseline — its arrival frame (`detectArrival`) and
 * the baseline count with the ACR CTP IV.C.2 warning (`baselineFrames`). Frame times default to the
 * volume's, else 0, 1, 2 … s.
 */
export function studyBaseline(
  ct: Volume,
  defaults: Pick<PreprocessDefaults, 'arrival' | 'brainMask'> = preprocessDefaults,
): StudyBaseline {
  // the brain region of brainMask on the first frame (its vessel and tissue classes are not needed here).
  const image = baselineMeanImage(ct, 1);
  const region = brainRegion(image, ct.dims, defaults.brainMask).brain;
  const brain = maskVoxels(region);
  // study-sized scratch (a float image and a mask) freed now, not at a later collection.
  releaseBuffer(image);
  releaseBuffer(region);
  if (brain.length === 0) throw new RangeError('studyBaseline: ct has no brain voxels in its first frame');
  const frameTimesS = ct.frameTimesS ?? Array.from({ length: ct.frames }, (_, t) => t);
  const arrival = detectArrival(meanCurveHu(ct, brain), frameTimesS, defaults.arrival);
  const brainVoxelCount = brain.length;
  releaseBuffer(brain);
  return { arrival, baseline: baselineFrames(arrival.frame, defaults.arrival), brainVoxelCount };
}
