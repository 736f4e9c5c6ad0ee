import type { Volume } from '../types/volume.ts';

/** Voxels in one frame of the volume (dims[0]·dims[1]·dims[2]). */
export function voxelsPerFrame(volume: Volume): number {
  return volume.dims[0] * volume.dims[1] * volume.dims[2];
}

/** Where a frame starts in the volume's data; a RangeError when it is not a frame of the volume. */
export function frameStart(volume: Volume, frame: number): number {
  if (!Number.isInteger(frame) || frame < 0 || frame >= volume.frames) {
    throw new RangeError(`frame ${frame} is not a frame of the volume (0 to ${volume.frames - 1})`);
  }
  return frame * voxelsPerFrame(volume);
}

/** A RangeError when a linear voxel index is not inside one frame of the volume. */
export function checkVoxelIndex(index: number, perFrame: number, what = 'region'): void {
  if (index < 0 || index >= perFrame) {
    throw new RangeError(`${what} voxel index ${index} is outside the volume (0 to ${perFrame - 1})`);
  }
}
