import type { Volume } from '@quantrad/imaging';
import { assertBaselineCount, assertDynamic, assertVoxels, voxelsPerFrame } from './volume-checks.ts';

/** Voxels whose baseline sums are made together (a block of sums fits in the L1/L2 cache). */
const MEAN_BLOCK_VOXELS = 8192;

/**
 * The mean over the first `baselineCount` frames of every voxel, in HU (one frame of the volume's grid):
 * the pre-contrast image from which the brain mask is drawn and ΔHU is measured.
 */
export function baselineMeanImage(ct: Volume, baselineCount: number): Float32Array {
  assertDynamic(ct, 'baselineMeanImage');
  assertBaselineCount(ct, baselineCount, 'baselineMeanImage');
  const perFrame = voxelsPerFrame(ct);
  const data = ct.data;
  const image = new Float32Array(perFrame);
  // In blocks of voxels, the frames summed in order within each block (the block's sums stay in cache).
  const sums = new Float64Array(MEAN_BLOCK_VOXELS);
  for (let from = 0; from < perFrame; from += MEAN_BLOCK_VOXELS) {
    const count = Math.min(MEAN_BLOCK_VOXELS, perFrame - from);
    sums.fill(0);
    for (let t = 0; t < baselineCount; t++) {
      const base = t * perFrame + from;
      for (let n = 0; n < count; n++) sums[n] = (sums[n] ?? 0) + (data[base + n] ?? 0);
    }
    for (let n = 0; n < count; n++) image[from + n] = (sums[n] ?? 0) / baselineCount;
  }
  return image;
}

/**
 * Concentration as ΔHU (issue 8 §2.3): each frame's HU minus the voxel's mean over the baseline frames (the
 * frames before contrast arrival, ACR CTP IV.C.2). Voxel-major: voxel n of `voxels` occupies
 * [n·T, (n+1)·T), T = ct.frames.
 */
export function concentrationCurves(ct: Volume, voxels: Int32Array, baselineCount: number): Float32Array {
  assertDynamic(ct, 'concentrationCurves');
  assertBaselineCount(ct, baselineCount, 'concentrationCurves');
  const perFrame = voxelsPerFrame(ct);
  assertVoxels(voxels, perFrame, 'concentrationCurves');
  const frames = ct.frames;
  const curves = new Float32Array(voxels.length * frames);
  for (let n = 0; n < voxels.length; n++) {
    const v = voxels[n] ?? 0;
    let sum = 0;
    for (let t = 0; t < baselineCount; t++) sum += ct.data[v + t * perFrame] ?? 0;
    const baselineHu = sum / baselineCount;
    const row = n * frames;
    for (let t = 0; t < frames; t++) curves[row + t] = (ct.data[v + t * perFrame] ?? 0) - baselineHu;
  }
  return curves;
}

/** The mean HU over the given voxels in every frame (e.g. a whole-brain curve for `detectArrival`). */
export function meanCurveHu(ct: Volume, voxels: Int32Array): Float64Array {
  const perFrame = voxelsPerFrame(ct);
  assertVoxels(voxels, perFrame, 'meanCurveHu');
  if (voxels.length === 0) throw new RangeError('meanCurveHu: voxels is empty');
  const curve = new Float64Array(ct.frames);
  const data = ct.data;
  for (let t = 0; t < ct.frames; t++) {
    let sum = 0;
    const base = t * perFrame;
    for (let n = 0; n < voxels.length; n++) sum += data[base + (voxels[n] ?? 0)] ?? 0;
    curve[t] = sum / voxels.length;
  }
  return curve;
}
