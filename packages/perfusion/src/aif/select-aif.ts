import { preprocessDefaults, type AifRules } from '../preprocess/preprocess-defaults.ts';
import { assertFrameTimes, curveFeatures, meanOfCurves, type CurveFeatures } from './curve-features.ts';

/** A candidate curve that was kept, with its rank score. */
export interface ScoredCurve extends CurveFeatures {
  readonly score: number;
}

/** The arterial input function chosen automatically, with the evidence for it (ACR CTP V, VI.C). */
export interface AifSelection {
  /** Linear voxel indices of the chosen cluster, best first. */
  readonly voxels: Int32Array;
  /** Mean ΔHU of the chosen curves per frame. */
  readonly curveDeltaHu: Float64Array;
  readonly chosen: readonly ScoredCurve[];
  readonly candidateCount: number;
  readonly rejected: {
    readonly lowPeak: number;
    readonly noisy: number;
    readonly truncated: number;
    /** Rising more than maximumRiseAfterEarliestS after the early candidates (venous). */
    readonly late: number;
  };
}

export interface SelectCurveOptions {
  /** Frames before contrast arrival, for each curve's noise SD (default 0: no noise check). */
  baselineCount?: number;
}

/** Checks the shared inputs of selectAif / selectVof and returns the curve length. */
export function checkCandidates(
  curves: Float32Array,
  candidateVoxels: Int32Array,
  frameTimesS: readonly number[],
  caller: string,
): number {
  const frames = frameTimesS.length;
  if (frames < 2) throw new RangeError(`${caller}: frameTimesS needs at least 2 frames, got ${frames}`);
  if (curves.length !== candidateVoxels.length * frames) {
    throw new RangeError(
      `${caller}: curves has ${curves.length} values, expected ${candidateVoxels.length} candidateVoxels × ${frames} frames`,
    );
  }
  if (candidateVoxels.length === 0) throw new RangeError(`${caller}: candidateVoxels is empty`);
  assertFrameTimes(frameTimesS, frames, caller);
  return frames;
}

/**
 * Automatic arterial input function (issue 8 §2.4; rules in data/preprocess-defaults.json, aif). Each
 * candidate ΔHU curve (voxel-major, row n belongs to candidateVoxels[n]) must peak ≥ minimumPeakDeltaHu and
 * ≥ minimumPeakToNoise × its baseline SD, and its last frame must be ≤ maximumTailFractionOfPeak × peak (not
 * truncated, not venous). Of the rest, those whose half-maximum rise comes more than
 * maximumRiseAfterEarliestS after the riseReferenceRank-th earliest rise are dropped (late: venous), and the early
 * ones ranked by peak / (FWHM × time to peak) — high, narrow, early (Mouridsen 2006) — and the best
 * clusterSize averaged. Throws a RangeError naming the field when no
 * candidate qualifies.
 */
export function selectAif(
  curves: Float32Array,
  candidateVoxels: Int32Array,
  frameTimesS: readonly number[],
  options: SelectCurveOptions & { rules?: AifRules } = {},
): AifSelection {
  const rules = options.rules ?? preprocessDefaults.aif;
  const frames = checkCandidates(curves, candidateVoxels, frameTimesS, 'selectAif');
  const baselineCount = options.baselineCount ?? 0;
  // A peak at the first frame gives ttp 0; one frame interval keeps the score finite and ordered.
  const minTtpS = (frameTimesS[1] ?? 1) - (frameTimesS[0] ?? 0);
  const rejected = { lowPeak: 0, noisy: 0, truncated: 0, late: 0 };
  const kept: { row: number; curve: ScoredCurve }[] = [];
  for (let n = 0; n < candidateVoxels.length; n++) {
    const f = curveFeatures(curves, n, candidateVoxels[n] ?? -1, frameTimesS, baselineCount);
    if (f.peakDeltaHu < rules.minimumPeakDeltaHu) rejected.lowPeak++;
    else if (f.peakDeltaHu < rules.minimumPeakToNoise * f.noiseSdHu) rejected.noisy++;
    else if (f.tailFractionOfPeak > rules.maximumTailFractionOfPeak) rejected.truncated++;
    else {
      const score = f.peakDeltaHu / (Math.max(f.fwhmS, minTtpS) * Math.max(f.ttpS, minTtpS));
      kept.push({ row: n, curve: { ...f, score } });
    }
  }
  if (kept.length === 0) {
    throw new RangeError(
      `selectAif: no candidateVoxels curve qualifies as arterial (${rejected.lowPeak} peak below ` +
        `${rules.minimumPeakDeltaHu} HU, ${rejected.noisy} noisy, ${rejected.truncated} not washed out)`,
    );
  }
  // Early arrivals only: within maximumRiseAfterEarliestS of the riseReferenceRank-th earliest rise (one or
  // two outlying voxels cannot set the reference), so a later, higher venous sinus cannot outrank the arteries.
  // With few qualifying candidates the rank yields to the median (ceil(n/2)-th): the rank-th of 2 or 3 would be
  // the latest rise, a sinus's, and filter nothing.
  const rises = kept.map((k) => k.curve.riseS).sort((a, b) => a - b);
  const referenceRank = Math.min(rules.riseReferenceRank, Math.ceil(rises.length / 2));
  const earliestRiseS = rises[referenceRank - 1] ?? 0;
  const early = kept.filter((k) => k.curve.riseS <= earliestRiseS + rules.maximumRiseAfterEarliestS);
  rejected.late = kept.length - early.length;
  early.sort((p, q) => q.curve.score - p.curve.score);
  const best = early.slice(0, rules.clusterSize);
  return {
    voxels: Int32Array.from(best, (b) => b.curve.voxel),
    curveDeltaHu: meanOfCurves(
      curves,
      best.map((b) => b.row),
      frames,
    ),
    chosen: best.map((b) => b.curve),
    candidateCount: candidateVoxels.length,
    rejected,
  };
}
