import { resampleUniform } from '../deconvolution/resample-uniform.ts';

/** The uniform grid deconvolution runs on, and whether the frames had to be resampled onto it. */
export interface TimeGrid {
  readonly dtS: number;
  readonly resampled: boolean;
  /** Samples per curve on the grid. */
  readonly samples: number;
}

/**
 * The grid for a series' frame times: the frame interval when the intervals agree within toleranceS,
 * else the shortest interval, with the curves resampled linearly (issue 8 §2.5; data/pipeline-defaults.json).
 */
export function timeGrid(frameTimesS: readonly number[], toleranceS: number): TimeGrid {
  let shortest = Infinity;
  let longest = -Infinity;
  for (let t = 1; t < frameTimesS.length; t++) {
    const interval = (frameTimesS[t] ?? 0) - (frameTimesS[t - 1] ?? 0);
    shortest = Math.min(shortest, interval);
    longest = Math.max(longest, interval);
  }
  if (!(shortest > 0)) throw new RangeError('frameTimesS must increase from frame to frame');
  if (longest - shortest <= toleranceS) {
    const span = (frameTimesS[frameTimesS.length - 1] ?? 0) - (frameTimesS[0] ?? 0);
    return { dtS: span / (frameTimesS.length - 1), resampled: false, samples: frameTimesS.length };
  }
  const samples =
    Math.floor(((frameTimesS[frameTimesS.length - 1] ?? 0) - (frameTimesS[0] ?? 0)) / shortest + 1e-9) + 1;
  return { dtS: shortest, resampled: true, samples };
}

/** Voxel-major curves at frame times resampled onto the grid (voxel-major, grid.samples per voxel). */
export function curvesOnGrid(
  frameTimesS: readonly number[],
  curves: Float32Array,
  grid: TimeGrid,
): Float32Array {
  if (!grid.resampled) return curves;
  const frames = frameTimesS.length;
  const voxels = curves.length / frames;
  const out = new Float32Array(voxels * grid.samples);
  for (let v = 0; v < voxels; v++) {
    out.set(
      resampleUniform(frameTimesS, curves.subarray(v * frames, (v + 1) * frames), grid.dtS),
      v * grid.samples,
    );
  }
  return out;
}

/** One curve at frame times on the grid. */
export function curveOnGrid(
  frameTimesS: readonly number[],
  curve: Float64Array,
  grid: TimeGrid,
): Float64Array {
  return grid.resampled ? resampleUniform(frameTimesS, curve, grid.dtS) : curve;
}
