import type { Volume, VoxelArray } from '@quantrad/imaging';
import { MODEL_FIT_COUNTS, type ModelFitFallback } from '../deconvolution/deconvolve.ts';
import type { PerfusionMapOptions } from '../maps/perfusion-maps.ts';
import type { EstimateMotionOptions } from '../preprocess/estimate-motion.ts';
import type { SlabCurvesInput, SlabMapsInput } from '../maps/slab-maps.ts';
import type { MapMontageOptions } from '../output/map-montage-png.ts';

/** What a worker computes on one chunk of voxels: `deconvolve` or `perfusionMaps` of those voxels. */
export type ChunkKind = 'deconvolve' | 'maps';

/** The main thread → worker message: one chunk of voxel-major tissue curves. */
export interface ChunkRequest {
  readonly id: number;
  readonly kind: ChunkKind;
  readonly aifDeltaHu: Float64Array;
  /** The chunk's curves: a view on shared memory (no copy) or a transferred copy. */
  readonly tissueDeltaHu: Float32Array;
  readonly curveLength: number;
  readonly dtS: number;
  readonly options: PerfusionMapOptions;
}

/**
 * The main thread → worker message for motion: a few frames (the reference first) of the registration slices,
 * registered by `estimateMotion` with reference frame 0.
 */
export interface MotionRequest {
  readonly id: number;
  readonly kind: 'motion';
  readonly volume: Volume;
  readonly options: Omit<EstimateMotionOptions, 'referenceFrame'>;
}

/**
 * The main thread → worker message for tissue curves: some whole slices of every frame (frame-major: frame t's
 * slice s at (t·slices + s)·nx·ny), their mask, and where to write the ΔHU curves of their masked voxels
 * (`sliceConcentrationCurves`, slice after slice): a view on shared memory, so nothing comes back.
 */
export interface CurvesRequest extends SlabCurvesInput {
  readonly id: number;
  readonly kind: 'curves';
  readonly slab: VoxelArray;
  readonly out: Float32Array;
}

/**
 * The main thread → worker message for the maps of some slices straight from their frames (`slabMaps`): the
 * curves as for a CurvesRequest (kept in the worker) on the map grid, `perfusionMaps`, then interpolated.
 */
export interface SliceMapsRequest extends SlabMapsInput {
  readonly id: number;
  readonly kind: 'slice-maps';
  readonly slab: VoxelArray;
}

/**
 * The main thread → worker message for a map's PNG montage (`mapMontagePng`, drawn and encoded in the worker):
 * the map (read in place when on shared memory, as a run's maps are when it had a pool; else a transferred
 * copy) and the montage's options (the tissue mask on shared memory); the answer is the PNG's bytes.
 */
export interface MontageRequest {
  readonly id: number;
  readonly kind: 'montage';
  readonly map: Volume<Float32Array>;
  readonly options: Omit<MapMontageOptions, 'colourMap'>;
}

export type WorkerRequest = ChunkRequest | MotionRequest | CurvesRequest | SliceMapsRequest | MontageRequest;

/** A request before the pool gives it its id (distributes over the union). */
export type RequestWithoutId<R = WorkerRequest> = R extends unknown ? Omit<R, 'id'> : never;

/** A result array of a worker's answer. */
export type ResultArray = Float32Array | Float64Array | Uint8Array;

/**
 * The worker → main thread answer: the result arrays of the chunk in a fixed order, or the message of the
 * error it threw. deconvolve, maps and slice-maps: the arrays named by RESULT_FIELDS (slice-maps as maps), then
 * one Float64Array, the model fit's counts in the order of MODEL_FIT_COUNTS (`fallbackCounts`); motion:
 * [tx, ty, rotation] per frame, then the displacement per frame; curves: none; montage: the PNG's bytes.
 */
export type ChunkResponse =
  | { readonly id: number; readonly arrays: readonly ResultArray[] }
  | { readonly id: number; readonly error: string };

/** The names of the result arrays of each kind, in the order a ChunkResponse carries them. */
export const RESULT_FIELDS = {
  deconvolve: ['kMaxPerS', 'tmaxS', 'tmaxResiduePeakS', 'modelFitFallbackCode'],
  maps: ['cbfMl100gMin', 'cbvMl100g', 'mttS', 'ttpS', 'tmaxS', 'tmaxResiduePeakS', 'modelFitFallbackCode'],
} as const satisfies Record<ChunkKind, readonly string[]>;

/** The fallback counts as the last array of a chunk's answer (a Float64Array: not a per-voxel map). */
export function fallbackCounts(fallback: ModelFitFallback): Float64Array {
  return Float64Array.from(MODEL_FIT_COUNTS, (count) => fallback[count]);
}

/** Adds the counts array of a chunk's answer (`fallbackCounts`) to `total`, in place. */
export function addFallbackCounts(total: ModelFitFallback, counts: ResultArray | undefined): void {
  if (!(counts instanceof Float64Array) || counts.length !== MODEL_FIT_COUNTS.length)
    throw new Error('perfusion worker: the answer does not end with the model fit fallback counts');
  MODEL_FIT_COUNTS.forEach((count, i) => {
    total[count] += counts[i] ?? 0;
  });
}
