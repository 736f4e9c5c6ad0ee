import type { Volume, VoxelArray } from '@quantrad/imaging';
import { checkCurvesInput, inPlaneKernels } from '../maps/smooth-in-plane.ts';
import type { InWorkersOptions } from './in-workers.ts';
import { PerfusionWorkerPool, type PreparedChunk } from './perfusion-worker-pool.ts';

/**
 * `smoothedConcentrationCurves(ct, mask, sigmaMm, baselineCount)` on worker threads, bit-identical (each
 * slice is computed by the same single-thread code): one job per slice, whose frames are copied (when a
 * worker takes it) and transferred; the workers write the curves straight into one array on a
 * SharedArrayBuffer, which is returned (so `perfusionMapsInWorkers` then reads it in place).
 */
export async function smoothedConcentrationCurvesInWorkers(
  ct: Volume,
  mask: Uint8Array,
  sigmaMm: number,
  baselineCount: number,
  parallel: Omit<InWorkersOptions, 'chunkVoxels'> = {},
): Promise<Float32Array> {
  checkCurvesInput(ct, mask, baselineCount);
  const kernels = inPlaneKernels(ct.spacingMm, sigmaMm);
  const [nx, ny, nz] = ct.dims;
  const sliceSize = nx * ny;
  const frames = ct.frames;
  const firstCurve = new Int32Array(nz + 1);
  for (let k = 0; k < nz; k++) {
    let count = 0;
    for (let p = k * sliceSize; p < (k + 1) * sliceSize; p++) if (mask[p] !== 0) count++;
    firstCurve[k + 1] = (firstCurve[k] ?? 0) + count;
  }
  const curves = new Float32Array(new SharedArrayBuffer(4 * (firstCurve[nz] ?? 0) * frames));
  const pool =
    parallel.pool ??
    (await PerfusionWorkerPool.create({
      ...(parallel.workers === undefined ? {} : { workers: parallel.workers }),
      ...(parallel.loader === undefined ? {} : { loader: parallel.loader }),
    }));
  try {
    const jobs: Promise<unknown>[] = [];
    for (let k = 0; k < nz; k++) {
      const from = firstCurve[k] ?? 0;
      const to = firstCurve[k + 1] ?? 0;
      if (to === from) continue;
      const prepare = (): PreparedChunk => {
        const slab = new (ct.data.constructor as new (length: number) => VoxelArray)(sliceSize * frames);
        for (let t = 0; t < frames; t++) {
          const start = (t * nz + k) * sliceSize;
          slab.set(ct.data.subarray(start, start + sliceSize), t * sliceSize);
        }
        const sliceMask = mask.slice(k * sliceSize, (k + 1) * sliceSize);
        return {
          request: {
            kind: 'curves',
            slab,
            frames,
            nx,
            ny,
            mask: sliceMask,
            kernels,
            baselineCount,
            out: curves.subarray(from * frames, to * frames),
          },
          transfer: [slab.buffer as ArrayBuffer, sliceMask.buffer],
        };
      };
      jobs.push(pool.run(prepare));
    }
    await Promise.all(jobs);
  } finally {
    if (parallel.pool === undefined) await pool.close();
  }
  return curves;
}
