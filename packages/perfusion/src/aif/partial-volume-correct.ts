import { assertFrameTimes, curveArea } from './curve-features.ts';

/** The AIF after partial-volume correction, and the areas behind the scale. */
export interface PartialVolumeCorrection {
  readonly aifDeltaHu: Float64Array;
  /** area(VOF) / area(AIF) when above 1, else 1. */
  readonly scale: number;
  readonly applied: boolean;
  readonly aifAreaDeltaHuS: number;
  readonly vofAreaDeltaHuS: number;
}

/**
 * Partial-volume correction of the AIF by the VOF (issue 8 §2.4; Fieselmann 2011): a small artery loses
 * signal to partial volume, a large venous sinus hardly does, and both curves carry the same amount of
 * indicator, so the AIF is scaled by area(VOF) / area(AIF) (trapezoid rule on the frame times) when that
 * ratio exceeds 1; otherwise it is returned unchanged. A truncated VOF understates its area and the scale.
 */
export function partialVolumeCorrect(
  aifDeltaHu: ArrayLike<number>,
  vofDeltaHu: ArrayLike<number>,
  frameTimesS: readonly number[],
): PartialVolumeCorrection {
  assertFrameTimes(frameTimesS, aifDeltaHu.length, 'partialVolumeCorrect (aifDeltaHu)');
  assertFrameTimes(frameTimesS, vofDeltaHu.length, 'partialVolumeCorrect (vofDeltaHu)');
  const aifAreaDeltaHuS = curveArea(aifDeltaHu, frameTimesS);
  const vofAreaDeltaHuS = curveArea(vofDeltaHu, frameTimesS);
  if (!(aifAreaDeltaHuS > 0)) {
    throw new RangeError(`partialVolumeCorrect: aifDeltaHu has no positive area (${aifAreaDeltaHuS} HU·s)`);
  }
  const ratio = vofAreaDeltaHuS / aifAreaDeltaHuS;
  const applied = ratio > 1;
  const scale = applied ? ratio : 1;
  return {
    aifDeltaHu: Float64Array.from({ length: aifDeltaHu.length }, (_, t) => (aifDeltaHu[t] ?? 0) * scale),
    scale,
    applied,
    aifAreaDeltaHuS,
    vofAreaDeltaHuS,
  };
}
