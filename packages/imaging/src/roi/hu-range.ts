import type { Volume } from '../types/volume.ts';
import { checkVoxelIndex, frameStart, voxelsPerFrame } from './voxel-checks.ts';

/**
 * The voxels of a region whose value in the frame lies within [minHu, maxHu], inclusive (for example
 * skeletal muscle, −29 to +150 HU, inside a given region: ACR QCT IV.H).
 */
export function huRangeVoxels(
  volume: Volume,
  voxels: Int32Array,
  minHu: number,
  maxHu: number,
  frame = 0,
): Int32Array {
  if (!(minHu <= maxHu)) throw new RangeError(`huRangeVoxels: minHu ${minHu} is above maxHu ${maxHu}`);
  const perFrame = voxelsPerFrame(volume);
  const base = frameStart(volume, frame);
  const data = volume.data;
  return voxels.filter((index) => {
    checkVoxelIndex(index, perFrame);
    const value = data[base + index] ?? NaN;
    return value >= minHu && value <= maxHu;
  });
}

/** In-plane area in cm² of a number of voxels on one slice (x spacing × y spacing each, mm² / 100). */
export function areaCm2(volume: Volume, voxelCountOnOneSlice: number): number {
  return (voxelCountOnOneSlice * volume.spacingMm[0] * volume.spacingMm[1]) / 100;
}
