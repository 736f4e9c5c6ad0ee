import { preprocessDefaults, type VofRules } from '../preprocess/preprocess-defaults.ts';
import { curveFeatures, meanOfCurves, type CurveFeatures } from './curve-features.ts';
import { checkCandidates, type SelectCurveOptions } from './select-aif.ts';

/** The venous output function chosen automatically, with the evidence for it (ACR CTP V, VI.C). */
export interface VofSelection {
  /** Linear voxel indices of the curves averaged (within the area tolerance of the largest), largest area first. */
  readonly voxels: Int32Array;
  /**
   * Mean ΔHU of the chosen curves per frame, baselined on the even-numbered baseline frames (those not used
   * to rank the candidates; all of them when baselineCount < 2).
   */
  readonly curveDeltaHu: Float64Array;
  /** Features of the chosen curves, on the full baseline. */
  readonly chosen: readonly CurveFeatures[];
  /** The time to peak a candidate had to reach to count as late, in seconds. */
  readonly lateFromS: number;
  /** The mean curve has not washed out by the last frame (scan too short, ACR CTP IV.C.1). */
  readonly truncated: boolean;
  readonly candidateCount: number;
}

/** The mean of values[offset + t] over the frames t of `frames`. */
function meanOver(values: ArrayLike<number>, offset: number, frames: readonly number[]): number {
  let sum = 0;
  for (const t of frames) sum += values[offset + t] ?? 0;
  return sum / frames.length;
}

/**
 * Automatic venous output function (issue 8 §2.4; rules in data/preprocess-defaults.json, vof): a venous
 * sinus is late and large. Candidates peaking at or after aifTtpS + minimumDelayAfterAifS (without an AIF:
 * at or after the median time to peak of all candidates), with a peak ≥ minimumPeakToNoise × baseline SD,
 * are ranked by area under the curve; every candidate whose ranking area is within areaToleranceFraction of
 * the largest is averaged, and never fewer than the clusterSize largest (the largest alone, or a fixed few,
 * are partly chosen for their noise wherever it is correlated over time; the measurement that set the
 * tolerance is in the rationale). `truncated` is set when the
 * mean curve's last frame is above maximumTailFractionOfPeak of its peak.
 *
 * Ranking and measuring use different baseline frames (with baselineCount ≥ minimumBaselineFramesToSplit,
 * 4; below it, all the baseline frames for both): the area that ranks a
 * candidate is taken above the mean of its odd-numbered baseline frames, the chosen curves' mean is
 * re-baselined on the even-numbered ones. A voxel's baseline-mean noise shifts its whole curve, so its area
 * by that noise × the scan length; ranking on the same area as is reported would pick the curves whose
 * noise raised it and overstate the VOF area (and the partial-volume scale). Independent frames for
 * selection and measurement avoid that circularity (Kriegeskorte N et al. Nat Neurosci 2009;12:535-540).
 */
export function selectVof(
  curves: Float32Array,
  candidateVoxels: Int32Array,
  frameTimesS: readonly number[],
  options: SelectCurveOptions & { aifTtpS?: number; rules?: VofRules } = {},
): VofSelection {
  const rules = options.rules ?? preprocessDefaults.vof;
  const frames = checkCandidates(curves, candidateVoxels, frameTimesS, 'selectVof');
  const baselineCount = options.baselineCount ?? 0;
  const features = Array.from(candidateVoxels, (voxel, n) =>
    curveFeatures(curves, n, voxel, frameTimesS, baselineCount),
  );
  let lateFromS: number;
  if (options.aifTtpS === undefined) {
    const ttps = features.map((f) => f.ttpS).sort((a, b) => a - b);
    lateFromS = ttps[Math.floor(ttps.length / 2)] ?? 0; // the upper median
  } else {
    if (!Number.isFinite(options.aifTtpS)) throw new RangeError('selectVof: aifTtpS must be a finite number');
    lateFromS = options.aifTtpS + rules.minimumDelayAfterAifS;
  }
  // Baseline frames split for ranking (odd) and measuring (even) from minimumBaselineFramesToSplit frames on
  // (2 in each half); below it both use all of them, the frames the curves' ΔHU is already taken on (no shift).
  const baseline = Array.from({ length: baselineCount }, (_, t) => t);
  const split = baselineCount >= rules.minimumBaselineFramesToSplit;
  const rankFrames = split ? baseline.filter((t) => t % 2 === 1) : [];
  const measureFrames = split ? baseline.filter((t) => t % 2 === 0) : [];
  const spanS = (frameTimesS[frames - 1] ?? 0) - (frameTimesS[0] ?? 0);
  const kept: { row: number; curve: CurveFeatures; rankAreaDeltaHuS: number }[] = [];
  features.forEach((f, row) => {
    if (f.ttpS < lateFromS || f.peakDeltaHu <= 0) return;
    if (f.peakDeltaHu < rules.minimumPeakToNoise * f.noiseSdHu) return;
    // Moving the baseline by c moves the trapezoid area by c × the scan length.
    const shiftHu = rankFrames.length > 0 ? meanOver(curves, row * frames, rankFrames) : 0;
    kept.push({ row, curve: f, rankAreaDeltaHuS: f.areaDeltaHuS - shiftHu * spanS });
  });
  if (kept.length === 0) {
    throw new RangeError(
      `selectVof: no candidateVoxels curve peaks at or after ${lateFromS.toFixed(1)} s with a clear peak`,
    );
  }
  kept.sort((p, q) => q.rankAreaDeltaHuS - p.rankAreaDeltaHuS);
  // Every candidate within areaToleranceFraction of the largest ranking area, and never fewer than clusterSize.
  const largest = kept[0]?.rankAreaDeltaHuS ?? 0;
  const floor = largest - rules.areaToleranceFraction * Math.abs(largest);
  const within = kept.filter((k) => k.rankAreaDeltaHuS >= floor).length;
  const best = kept.slice(0, Math.max(rules.clusterSize, within));
  const curveDeltaHu = meanOfCurves(
    curves,
    best.map((b) => b.row),
    frames,
  );
  if (measureFrames.length > 0) {
    const shiftHu = meanOver(curveDeltaHu, 0, measureFrames);
    for (let t = 0; t < frames; t++) curveDeltaHu[t] = (curveDeltaHu[t] ?? 0) - shiftHu;
  }
  let peak = -Infinity;
  for (const value of curveDeltaHu) peak = Math.max(peak, value);
  const last = curveDeltaHu[frames - 1] ?? 0;
  return {
    voxels: Int32Array.from(best, (b) => b.curve.voxel),
    curveDeltaHu,
    chosen: best.map((b) => b.curve),
    lateFromS,
    truncated: peak > 0 && last > rules.maximumTailFractionOfPeak * peak,
    candidateCount: candidateVoxels.length,
  };
}
