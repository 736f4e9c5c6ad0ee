import type { Volume, VoxelArray } from '@quantrad/imaging';
import {
  registrationSlices,
  type EstimateMotionOptions,
  type MotionEstimate,
} from '../preprocess/estimate-motion.ts';
import type { RigidTransform } from '../preprocess/rigid-transform.ts';
import type { InWorkersOptions } from './in-workers.ts';
import { PerfusionWorkerPool, type PreparedChunk } from './perfusion-worker-pool.ts';

/**
 * Frames per block at most: blocks are prepared when a worker is free, so copies stay small. The layout
 * depends on the number of frames only, never on the pool's size, so that the transforms (each block's first
 * frame starts its search from no motion) are the same on every machine. Small blocks (40 frames: 8 blocks
 * of 4-5) keep 2 to 4 workers busy to the end.
 */
const MAX_BLOCK_FRAMES = 5;

/**
 * The reference frame followed by `frames`, on the registration slices only, in the volume's own voxel type
 * (estimateMotion reads the values as numbers).
 */
function subVolume(
  ct: Volume,
  slices: readonly number[],
  referenceFrame: number,
  frames: readonly number[],
): Volume {
  const [nx, ny, nz] = ct.dims;
  const sliceSize = nx * ny;
  const order = [referenceFrame, ...frames];
  const data = new (ct.data.constructor as new (length: number) => VoxelArray)(
    sliceSize * slices.length * order.length,
  );
  order.forEach((frame, f) => {
    slices.forEach((k, s) => {
      const from = (frame * nz + k) * sliceSize;
      data.set(ct.data.subarray(from, from + sliceSize), (f * slices.length + s) * sliceSize);
    });
  });
  return {
    data,
    dims: [nx, ny, slices.length],
    spacingMm: ct.spacingMm,
    originMm: ct.originMm,
    direction: ct.direction,
    frames: order.length,
  };
}

/**
 * `estimateMotion` on worker threads: the frames other than the reference are split into contiguous blocks (of at
 * most 5 frames, sizes within one frame of each other, the same whatever the number of workers), and each block is registered by `estimateMotion` in a worker on a small volume of the reference
 * frame and the block, cut to the registration slices (only they are read). Each frame's search starts from
 * the previous frame's transform, as in the single-thread call, except the first frame of each block, which
 * starts from no motion: the coarse grid search usually makes that immaterial, but the transforms may differ
 * from the single-thread ones in the last digits (tested within 0.01 mm and 0.01°); they are the same bit for
 * bit on pools of any size.
 */
export async function estimateMotionInWorkers(
  ct: Volume,
  options: EstimateMotionOptions = {},
  parallel: Omit<InWorkersOptions, 'chunkVoxels'> = {},
): Promise<MotionEstimate> {
  if (ct.frames < 2)
    throw new RangeError(
      `estimateMotion: ct must be a dynamic (4-D) volume with 2 or more frames, got ${ct.frames}`,
    );
  const referenceFrame = options.referenceFrame ?? 0;
  if (!Number.isInteger(referenceFrame) || referenceFrame < 0 || referenceFrame >= ct.frames) {
    throw new RangeError(
      `estimateMotion: referenceFrame must be a frame of the volume (0 to ${ct.frames - 1}), got ${referenceFrame}`,
    );
  }
  const { referenceFrame: _, ...workerOptions } = options;
  const moving = Array.from({ length: ct.frames }, (_f, t) => t).filter((t) => t !== referenceFrame);
  const pool =
    parallel.pool ??
    (await PerfusionWorkerPool.create({
      ...(parallel.workers === undefined ? {} : { workers: parallel.workers }),
      ...(parallel.loader === undefined ? {} : { loader: parallel.loader }),
    }));
  const transforms: RigidTransform[] = Array.from({ length: ct.frames }, () => ({
    txMm: 0,
    tyMm: 0,
    rotationDeg: 0,
  }));
  const displacementsMm = new Float64Array(ct.frames);
  try {
    const slices = registrationSlices(ct.dims[2]);
    // Blocks of at most MAX_BLOCK_FRAMES whose sizes differ by at most one frame, independent of pool.size.
    const blocks = Math.ceil(moving.length / MAX_BLOCK_FRAMES);
    const jobs: Promise<void>[] = [];
    for (let block = 0; block < blocks; block++) {
      const from = Math.floor((block * moving.length) / blocks);
      const frames = moving.slice(from, Math.floor(((block + 1) * moving.length) / blocks));
      const prepare = (): PreparedChunk => {
        const volume = subVolume(ct, slices, referenceFrame, frames);
        return {
          request: { kind: 'motion', volume, options: workerOptions },
          transfer: [volume.data.buffer as ArrayBuffer],
        };
      };
      jobs.push(
        pool.run(prepare).then(([found, displacements]) => {
          frames.forEach((frame, n) => {
            // entry 0 of the block is the reference frame itself.
            transforms[frame] = {
              txMm: found?.[3 * (n + 1)] ?? NaN,
              tyMm: found?.[3 * (n + 1) + 1] ?? NaN,
              rotationDeg: found?.[3 * (n + 1) + 2] ?? NaN,
            };
            displacementsMm[frame] = displacements?.[n + 1] ?? NaN;
          });
        }),
      );
    }
    await Promise.all(jobs);
  } finally {
    if (parallel.pool === undefined) await pool.close();
  }
  return { referenceFrame, transforms, displacementsMm };
}
