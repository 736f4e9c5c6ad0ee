// Gives a 4-D volume the frame times of a times file or another source. A Volume's frameTimesS count
// from its first frame, so times that start elsewhere (e.g. at injection) are shifted to start at 0.
import type { Volume, VoxelArray } from '../types/volume.ts';

/** The volume with `timesS` (s, strictly increasing, one per frame) as its frame times from the first. */
export function withFrameTimes<T extends VoxelArray>(
  volume: Volume<T>,
  timesS: readonly number[],
): Volume<T> {
  if (timesS.length !== volume.frames) {
    throw new RangeError(
      `withFrameTimes: timesS has ${timesS.length} time${timesS.length === 1 ? '' : 's'} but the volume has ${volume.frames} frame${volume.frames === 1 ? '' : 's'}`,
    );
  }
  timesS.forEach((t, index) => {
    if (!Number.isFinite(t))
      throw new RangeError(`withFrameTimes: timesS[${index}] is ${t}, not a number of seconds`);
    if (index > 0 && !(t > (timesS[index - 1] ?? 0))) {
      throw new RangeError(
        `withFrameTimes: timesS[${index}] (${t} s) is not after timesS[${index - 1}] (${timesS[index - 1] ?? 0} s): frame times must increase`,
      );
    }
  });
  const firstS = timesS[0] ?? 0;
  return { ...volume, frameTimesS: timesS.map((t) => t - firstS) };
}
