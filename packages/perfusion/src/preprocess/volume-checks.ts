import type { Volume } from '@quantrad/imaging';

/** Voxels in one frame of a volume (dims[0]·dims[1]·dims[2]). */
export function voxelsPerFrame(volume: Volume): number {
  return volume.dims[0] * volume.dims[1] * volume.dims[2];
}

/** A RangeError naming the caller when the volume is not dynamic (fewer than 2 frames). */
export function assertDynamic(volume: Volume, caller: string): void {
  if (volume.frames < 2) {
    throw new RangeError(
      `${caller}: ct must be a dynamic (4-D) volume with 2 or more frames, got ${volume.frames}`,
    );
  }
}

/** A RangeError naming the caller when baselineCount is not a whole number of frames 1..frames−1. */
export function assertBaselineCount(volume: Volume, baselineCount: number, caller: string): void {
  if (!Number.isInteger(baselineCount) || baselineCount < 1 || baselineCount >= volume.frames) {
    throw new RangeError(
      `${caller}: baselineCount must be a whole number from 1 to ${volume.frames - 1}, got ${baselineCount}`,
    );
  }
}

/** A RangeError naming the caller when a voxel index is outside one frame. */
export function assertVoxels(voxels: Int32Array, perFrame: number, caller: string): void {
  for (let n = 0; n < voxels.length; n++) {
    const v = voxels[n] ?? -1;
    if (v < 0 || v >= perFrame) {
      throw new RangeError(`${caller}: voxels[${n}] = ${v} is outside the volume (0 to ${perFrame - 1})`);
    }
  }
}
