import type { Volume, VoxelArray } from '@quantrad/imaging';
import { checkCurvesInput, inPlaneKernels } from '../maps/smooth-in-plane.ts';
import { perfusionMaps, type PerfusionMapOptions, type PerfusionMaps } from '../maps/perfusion-maps.ts';
import type { TimeGrid } from '../pipeline/time-grid.ts';
import type { InWorkersOptions } from './in-workers.ts';
import { FULL_GRID, type MapStride } from '../maps/map-grid.ts';
import { addFallbackCounts, RESULT_FIELDS, type RequestWithoutId } from './worker-protocol.ts';
import type { PreparedChunk } from './perfusion-worker-pool.ts';
import { maskedBeforeSlice, runRangeJobs, withPool, type RangeJob } from './schedule-jobs.ts';
import { noModelFitFallback } from '../deconvolution/deconvolve.ts';

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
  const firstCurve = maskedBeforeSlice(mask, sliceSize, nz);
  const curves = new Float32Array(new SharedArrayBuffer(4 * (firstCurve[nz] ?? 0) * frames));
  await withPool(parallel, async (pool) => {
    const jobs = sliceJobs(ct, mask, firstCurve, range(nz), (slab, sliceMask, from, to) => ({
      kind: 'curves',
      slab,
      frames,
      nx,
      ny,
      mask: sliceMask,
      kernels,
      baselineCount,
      out: curves.subarray(from * frames, to * frames),
    }));
    // the workers write into `curves` on shared memory: no result arrays to gather.
    await runRangeJobs(pool, jobs, [], firstCurve[nz] ?? 0, parallel.onProgress);
  });
  return curves;
}

/** 0, 1, …, n − 1. */
function range(n: number): number[] {
  return Array.from({ length: n }, (_, k) => k);
}

/**
 * One job per slice with masked voxels, in `order`: slice k fills the range [before[k], before[k + 1]) of the
 * masked voxels; its request is made from a copy of its frames and of its mask (both transferred) when a
 * worker takes it.
 */
function sliceJobs(
  ct: Volume,
  mask: Uint8Array,
  before: Int32Array,
  order: readonly number[],
  request: (slab: VoxelArray, sliceMask: Uint8Array, from: number, to: number) => RequestWithoutId,
): RangeJob[] {
  const sliceSize = ct.dims[0] * ct.dims[1];
  const jobs: RangeJob[] = [];
  for (const k of order) {
    const from = before[k] ?? 0;
    const to = before[k + 1] ?? 0;
    if (to === from) continue;
    const prepare = (): PreparedChunk => {
      const slab = sliceFrames(ct, k);
      const sliceMask = mask.slice(k * sliceSize, (k + 1) * sliceSize);
      return {
        request: request(slab, sliceMask, from, to),
        transfer: [slab.buffer as ArrayBuffer, sliceMask.buffer],
      };
    };
    jobs.push({ from, to, prepare });
  }
  return jobs;
}

/** The frames of slice k (frame-major), copied in the volume's voxel type for a worker. */
function sliceFrames(ct: Volume, k: number): VoxelArray {
  const [nx, ny, nz] = ct.dims;
  const sliceSize = nx * ny;
  const slab = new (ct.data.constructor as new (length: number) => VoxelArray)(sliceSize * ct.frames);
  for (let t = 0; t < ct.frames; t++) {
    const start = (t * nz + k) * sliceSize;
    slab.set(ct.data.subarray(start, start + sliceSize), t * sliceSize);
  }
  return slab;
}

/** The checks of `perfusionMaps`, on no voxels (its messages), before any worker starts. */
function checkMapsInput(aifDeltaHu: Float64Array, grid: TimeGrid, options: PerfusionMapOptions): void {
  perfusionMaps(aifDeltaHu, new Float32Array(0), grid.samples, grid.dtS, options);
}

/**
 * `perfusionMaps(aifDeltaHu, curvesOnGrid(frameTimesS, smoothedConcentrationCurves(ct, mask, sigmaMm,
 * baselineCount), grid), grid.samples, grid.dtS, options)`, bit-identical, with each slice's curves made and
 * mapped in one worker job (`slabMaps`): the curves of the whole volume never exist at once (a slice's at a
 * time per worker), and no job waits for all the curves. Maps in the order of the masked voxels. With
 * `curves.stride` (default [1, 1]) the maps are computed on that sub-grid of each slice and interpolated
 * (maps/map-grid.ts), as `interpolateMapGrid` of the single-thread maps of the `mapGridVoxels`, bit-identical.
 */
export async function smoothedMapsInWorkers(
  ct: Volume,
  mask: Uint8Array,
  sigmaMm: number,
  baselineCount: number,
  curves: {
    readonly frameTimesS: readonly number[];
    readonly grid: TimeGrid;
    readonly aifDeltaHu: Float64Array;
    readonly stride?: MapStride;
  },
  options: PerfusionMapOptions,
  parallel: Omit<InWorkersOptions, 'chunkVoxels'> = {},
): Promise<PerfusionMaps> {
  checkCurvesInput(ct, mask, baselineCount);
  checkMapsInput(curves.aifDeltaHu, curves.grid, options);
  const kernels = inPlaneKernels(ct.spacingMm, sigmaMm);
  const [nx, ny, nz] = ct.dims;
  const sliceSize = nx * ny;
  const firstVoxel = maskedBeforeSlice(mask, sliceSize, nz);
  const voxels = firstVoxel[nz] ?? 0;
  // every map the workers return (RESULT_FIELDS.maps), in their order.
  const fields = RESULT_FIELDS.maps.map(() => new Float32Array(voxels));
  const maps = Object.fromEntries(
    RESULT_FIELDS.maps.map((name, f) => [name, fields[f]]),
  ) as unknown as PerfusionMaps;
  maps.modelFitFallback = noModelFitFallback();
  await withPool(parallel, async (pool) => {
    // The largest slices first, so that the workers finish together (each job fills its own range).
    const order = range(nz).sort(
      (a, b) =>
        (firstVoxel[b + 1] ?? 0) - (firstVoxel[b] ?? 0) - ((firstVoxel[a + 1] ?? 0) - (firstVoxel[a] ?? 0)),
    );
    const jobs = sliceJobs(ct, mask, firstVoxel, order, (slab, sliceMask) => ({
      kind: 'slice-maps',
      slab,
      frames: ct.frames,
      nx,
      ny,
      mask: sliceMask,
      kernels,
      baselineCount,
      frameTimesS: curves.frameTimesS,
      grid: curves.grid,
      aifDeltaHu: curves.aifDeltaHu,
      options,
      stride: curves.stride ?? FULL_GRID,
    }));
    await runRangeJobs(pool, jobs, fields, voxels, parallel.onProgress, (counts) => {
      addFallbackCounts(maps.modelFitFallback, counts);
    });
  });
  return maps;
}
