import { preprocessDefaults, type VofRules } from '../preprocess/preprocess-defaults.ts';
import { curveFeatures, meanOfCurves, type CurveFeatures } from './curve-features.ts';
import { checkCandidates, type SelectCurveOptions } from './select-aif.ts';

/** The venous output function chosen automatically, with the evidence for it (ACR CTP V, VI.C). */
export interface VofSelection {
  /** Linear voxel indices of the chosen cluster, largest area first. */
  readonly voxels: Int32Array;
  /** Mean ΔHU of the chosen curves per frame. */
  readonly curveDeltaHu: Float64Array;
  readonly chosen: readonly CurveFeatures[];
  /** The time to peak a candidate had to reach to count as late, in seconds. */
  readonly lateFromS: number;
  /** The mean curve has not washed out by the last frame (scan too short, ACR CTP IV.C.1). */
  readonly truncated: boolean;
  readonly candidateCount: number;
}

/**
 * Automatic venous output function (issue 8 §2.4; rules in data/preprocess-defaults.json, vof): a venous
 * sinus is late and large. Candidates peaking at or after aifTtpS + minimumDelayAfterAifS (without an AIF:
 * at or after the median time to peak of all candidates), with a peak ≥ minimumPeakToNoise × baseline SD,
 * are ranked by area under the curve; the clusterSize largest are averaged. `truncated` is set when the
 * mean curve's last frame is above maximumTailFractionOfPeak of its peak.
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
  const kept: { row: number; curve: CurveFeatures }[] = [];
  features.forEach((f, row) => {
    if (f.ttpS < lateFromS || f.peakDeltaHu <= 0) return;
    if (f.peakDeltaHu < rules.minimumPeakToNoise * f.noiseSdHu) return;
    kept.push({ row, curve: f });
  });
  if (kept.length === 0) {
    throw new RangeError(
      `selectVof: no candidateVoxels curve peaks at or after ${lateFromS.toFixed(1)} s with a clear peak`,
    );
  }
  kept.sort((p, q) => q.curve.areaDeltaHuS - p.curve.areaDeltaHuS);
  const best = kept.slice(0, rules.clusterSize);
  const curveDeltaHu = meanOfCurves(
    curves,
    best.map((b) => b.row),
    frames,
  );
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
