import {
  deconvolve,
  noModelFitFallback,
  type DeconvolutionOptions,
  type DeconvolutionResult,
  type ModelFitFallback,
} from '../deconvolution/deconvolve.ts';
import { perfusionMaps, type PerfusionMapOptions, type PerfusionMaps } from '../maps/perfusion-maps.ts';
import type { PerfusionWorkerPool, PreparedChunk, WorkerLoader } from './perfusion-worker-pool.ts';
import { runRangeJobs, withPool, type RangeJob } from './schedule-jobs.ts';
import { addFallbackCounts, RESULT_FIELDS, type ChunkKind } from './worker-protocol.ts';

export interface InWorkersOptions {
  /** Number of worker threads when no pool is given (default os.availableParallelism()). */
  workers?: number;
  /** A pool to reuse across calls (it is left open); without one a pool is started and closed per call. */
  pool?: PerfusionWorkerPool;
  /** Voxels per chunk (default: about 4 chunks per worker, between 256 and 16 384). */
  chunkVoxels?: number;
  loader?: WorkerLoader;
  /** Called after each chunk with the fraction of voxels done (0 to 1). */
  onProgress?: (fraction: number) => void;
}

/** Chunks of about a quarter of a worker's share balance the load without many messages. */
const CHUNKS_PER_WORKER = 4;
const MIN_CHUNK_VOXELS = 256;
const MAX_CHUNK_VOXELS = 16_384;

function chunkSize(voxels: number, workers: number, requested: number | undefined): number {
  if (requested !== undefined) {
    if (!Number.isInteger(requested) || requested < 1)
      throw new Error(`chunkVoxels must be a whole number of at least 1, got ${requested}`);
    return requested;
  }
  const even = Math.ceil(voxels / (workers * CHUNKS_PER_WORKER));
  return Math.min(MAX_CHUNK_VOXELS, Math.max(MIN_CHUNK_VOXELS, even));
}

/**
 * The curves of voxels [from, to) for a worker: a view when the tissue array is on shared memory (nothing is
 * copied), else a copy whose buffer is transferred (made only when a worker takes the chunk).
 */
function prepareChunk(
  kind: ChunkKind,
  aifDeltaHu: Float64Array,
  tissueDeltaHu: Float32Array,
  curveLength: number,
  dtS: number,
  options: PerfusionMapOptions,
  from: number,
  to: number,
): PreparedChunk {
  const view = tissueDeltaHu.subarray(from * curveLength, to * curveLength);
  const shared = tissueDeltaHu.buffer instanceof SharedArrayBuffer;
  const chunk = shared ? view : view.slice();
  return {
    request: { kind, aifDeltaHu, tissueDeltaHu: chunk, curveLength, dtS, options },
    transfer: shared ? [] : [chunk.buffer as ArrayBuffer],
  };
}

/**
 * Runs one kind of chunk over all voxels and gathers each result field into one array per field, and the
 * chunks' model fit fallback counts into their sum.
 */
async function runChunks(
  kind: ChunkKind,
  aifDeltaHu: Float64Array,
  tissueDeltaHu: Float32Array,
  curveLength: number,
  dtS: number,
  options: PerfusionMapOptions,
  parallel: InWorkersOptions,
): Promise<{ out: Float32Array[]; fallback: ModelFitFallback }> {
  const voxels = tissueDeltaHu.length / curveLength;
  const fields = RESULT_FIELDS[kind].length;
  const out = Array.from({ length: fields }, () => new Float32Array(voxels));
  const fallback = noModelFitFallback();
  if (voxels === 0) return { out, fallback };
  await withPool(parallel, async (pool) => {
    const size = chunkSize(voxels, pool.size, parallel.chunkVoxels);
    const jobs: RangeJob[] = [];
    for (let from = 0; from < voxels; from += size) {
      const to = Math.min(voxels, from + size);
      const prepare = (): PreparedChunk =>
        prepareChunk(kind, aifDeltaHu, tissueDeltaHu, curveLength, dtS, options, from, to);
      jobs.push({ from, to, prepare });
    }
    await runRangeJobs(pool, jobs, out, voxels, parallel.onProgress, (counts) => {
      addFallbackCounts(fallback, counts);
    });
  });
  return { out, fallback };
}

/** The checks of the single-thread call (same messages): it is run on no voxels before any worker starts. */
function validate(
  kind: ChunkKind,
  aifDeltaHu: Float64Array,
  tissueDeltaHu: Float32Array,
  curveLength: number,
  dtS: number,
  options: PerfusionMapOptions,
): void {
  const none = tissueDeltaHu.subarray(0, 0);
  if (kind === 'deconvolve') deconvolve(aifDeltaHu, none, curveLength, dtS, options);
  else perfusionMaps(aifDeltaHu, none, curveLength, dtS, options);
  if (tissueDeltaHu.length % curveLength !== 0)
    throw new Error(
      `tissueDeltaHu: ${tissueDeltaHu.length} samples is not a whole number of curves of ${curveLength} (voxel-major)`,
    );
}

/**
 * `deconvolve` on worker threads: the voxels are split into chunks, each deconvolved by the single-thread
 * code in a worker, so the result is bit-identical to `deconvolve(aifDeltaHu, tissueDeltaHu, curveLength, dtS,
 * options)`. Tissue curves on a SharedArrayBuffer are read in place; otherwise each chunk is copied once
 * and transferred. Bad input rejects with the single-thread call's Error; an error in a worker rejects
 * with its message.
 */
export async function deconvolveInWorkers(
  aifDeltaHu: Float64Array,
  tissueDeltaHu: Float32Array,
  curveLength: number,
  dtS: number,
  options: DeconvolutionOptions,
  parallel: InWorkersOptions = {},
): Promise<DeconvolutionResult> {
  validate('deconvolve', aifDeltaHu, tissueDeltaHu, curveLength, dtS, options);
  const { out, fallback } = await runChunks(
    'deconvolve',
    aifDeltaHu,
    tissueDeltaHu,
    curveLength,
    dtS,
    options,
    parallel,
  );
  const [kMaxPerS, tmaxS, tmaxResiduePeakS, modelFitFallbackCode] = out;
  if (
    kMaxPerS === undefined ||
    tmaxS === undefined ||
    tmaxResiduePeakS === undefined ||
    modelFitFallbackCode === undefined
  )
    throw new Error('deconvolveInWorkers: missing result');
  return { kMaxPerS, tmaxS, tmaxResiduePeakS, modelFitFallback: fallback, modelFitFallbackCode };
}

/**
 * `perfusionMaps` on worker threads, bit-identical to the single-thread call (chunks of voxels, each mapped by
 * the single-thread code in a worker; shared or transferred input as for `deconvolveInWorkers`).
 */
export async function perfusionMapsInWorkers(
  aifDeltaHu: Float64Array,
  tissueDeltaHu: Float32Array,
  curveLength: number,
  dtS: number,
  options: PerfusionMapOptions,
  parallel: InWorkersOptions = {},
): Promise<PerfusionMaps> {
  validate('maps', aifDeltaHu, tissueDeltaHu, curveLength, dtS, options);
  const { out, fallback } = await runChunks(
    'maps',
    aifDeltaHu,
    tissueDeltaHu,
    curveLength,
    dtS,
    options,
    parallel,
  );
  const [cbfMl100gMin, cbvMl100g, mttS, ttpS, tmaxS, tmaxResiduePeakS, modelFitFallbackCode] = out;
  if (
    modelFitFallbackCode === undefined ||
    cbfMl100gMin === undefined ||
    cbvMl100g === undefined ||
    mttS === undefined ||
    ttpS === undefined ||
    tmaxS === undefined ||
    tmaxResiduePeakS === undefined
  )
    throw new Error('perfusionMapsInWorkers: missing result');
  const modelFitFallback = fallback;
  return {
    cbfMl100gMin,
    cbvMl100g,
    mttS,
    ttpS,
    tmaxS,
    tmaxResiduePeakS,
    modelFitFallback,
    modelFitFallbackCode,
  };
}

/** Copies curves onto a SharedArrayBuffer, so that workers read them in place (one copy for all chunks). */
export function sharedCurves(curves: Float32Array): Float32Array {
  const shared = new Float32Array(new SharedArrayBuffer(curves.byteLength));
  shared.set(curves);
  return shared;
}
