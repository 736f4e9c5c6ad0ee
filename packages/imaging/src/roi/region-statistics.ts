import type { Volume } from '../types/volume.ts';
import { checkVoxelIndex, frameStart, voxelsPerFrame } from './voxel-checks.ts';

export interface RegionStatistics {
  voxelCount: number;
  meanHu: number;
  /** Sample standard deviation (n − 1); 0 for a single voxel. */
  sdHu: number;
  minHu: number;
  maxHu: number;
  volumeMm3: number;
}

/** Mean, SD, range and volume of a region's voxels (linear indices) in one frame. */
export function regionStatistics(volume: Volume, voxels: Int32Array, frame = 0): RegionStatistics {
  if (voxels.length === 0) throw new RangeError('regionStatistics: the region has no voxels');
  const perFrame = voxelsPerFrame(volume);
  const base = frameStart(volume, frame);
  const data = volume.data;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const index of voxels) {
    checkVoxelIndex(index, perFrame);
    const value = data[base + index] ?? 0;
    sum += value;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const mean = sum / voxels.length;
  let squares = 0;
  for (const index of voxels) squares += ((data[base + index] ?? 0) - mean) ** 2;
  const [sx, sy, sz] = volume.spacingMm;
  return {
    voxelCount: voxels.length,
    meanHu: mean,
    sdHu: voxels.length > 1 ? Math.sqrt(squares / (voxels.length - 1)) : 0,
    minHu: min,
    maxHu: max,
    volumeMm3: voxels.length * sx * sy * sz,
  };
}
