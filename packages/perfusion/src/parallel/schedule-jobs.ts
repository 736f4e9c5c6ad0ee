import type { InWorkersOptions } from './in-workers.ts';
import { PerfusionWorkerPool, type PreparedChunk } from './perfusion-worker-pool.ts';
import type { ResultArray } from './worker-protocol.ts';

/**
 * Runs `work` on the caller's pool (left open), or on a pool of `parallel.workers` threads started for it and
 * closed afterwards, whether `work` succeeds or fails.
 */
export async function withPool<T>(
  parallel: Omit<InWorkersOptions, 'chunkVoxels'>,
  work: (pool: PerfusionWorkerPool) => Promise<T>,
): Promise<T> {
  const pool =
    parallel.pool ??
    (await PerfusionWorkerPool.create({
      ...(parallel.workers === undefined ? {} : { workers: parallel.workers }),
      ...(parallel.loader === undefined ? {} : { loader: parallel.loader }),
    }));
  try {
    return await work(pool);
  } finally {
    if (parallel.pool === undefined) await pool.close();
  }
}

/** One job over the voxels [from, to): its request is prepared when a worker takes it. */
export interface RangeJob {
  readonly from: number;
  readonly to: number;
  readonly prepare: () => PreparedChunk;
}

/**
 * Runs the jobs on the pool (queued in the order given), each job's result arrays written at its `from` into
 * the output arrays of the same position (`out[f]` receives array f), with the fraction of `voxels` done
 * reported after each job. An array after the last output (a job's totals, e.g. the model fit's fallback
 * counts) goes to `onTotals`.
 */
export async function runRangeJobs(
  pool: PerfusionWorkerPool,
  jobs: readonly RangeJob[],
  out: readonly Float32Array[],
  voxels: number,
  onProgress?: (fraction: number) => void,
  onTotals?: (totals: ResultArray | undefined) => void,
): Promise<void> {
  let done = 0;
  await Promise.all(
    jobs.map((job) =>
      pool.run(job.prepare).then((arrays) => {
        arrays.slice(0, out.length).forEach((array, f) => out[f]?.set(array, job.from));
        onTotals?.(arrays[out.length]);
        done += job.to - job.from;
        onProgress?.(done / voxels);
      }),
    ),
  );
}

/** The number of masked voxels before each slice: entry k is the count in slices 0 … k − 1 (nz + 1 entries). */
export function maskedBeforeSlice(mask: Uint8Array, sliceSize: number, nz: number): Int32Array {
  const first = new Int32Array(nz + 1);
  for (let k = 0; k < nz; k++) {
    let count = 0;
    for (let p = k * sliceSize; p < (k + 1) * sliceSize; p++) if (mask[p] !== 0) count++;
    first[k + 1] = (first[k] ?? 0) + count;
  }
  return first;
}
