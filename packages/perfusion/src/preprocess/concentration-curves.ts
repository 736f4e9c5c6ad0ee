import type { Volume } from '@quantrad/imaging';
import { assertBaselineCount, assertDynamic, assertVoxels, voxelsPerFrame } from './volume-checks.ts';

/**
 * The mean over the first `baselineCount` frames of every voxel, in HU (one frame of the volume's grid):
 * the pre-contrast image from which the brain mask is drawn and ΔHU is measured.
 */
export function baselineMeanImage(ct: Volume, baselineCount: number): Float32Array {
  assertDynamic(ct, 'baselineMeanImage');
  assertBaselineCount(ct, baselineCount, 'baselineMeanImage');
  const perFrame = voxelsPerFrame(ct);
  const sums = new Float64Array(perFrame);
  for (let t = 0; t < baselineCount; t++) {
    const base = t * perFrame;
    for (let v = 0; v < perFrame; v++) sums[v] = (sums[v] ?? 0) + (ct.data[base + v] ?? 0);
  }
  const image = new Float32Array(perFrame);
  for (let v = 0; v < perFrame; v++) image[v] = (sums[v] ?? 0) / baselineCount;
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
  for (let t = 0; t < ct.frames; t++) {
    let sum = 0;
    const base = t * perFrame;
    for (let n = 0; n < voxels.length; n++) sum += ct.data[base + (voxels[n] ?? 0)] ?? 0;
    curve[t] = sum / voxels.length;
  }
  return curve;
}
